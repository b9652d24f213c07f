"""(being written)"""

from ninja import Router

router = Router(tags=["hearings"])
public_router = Router(tags=["public"])
