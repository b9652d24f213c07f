"""The judgments API: drafting and issuing, effectiveness and archiving."""

from ninja import Router

from tianping.judgments.api import drafting, effect

router = Router()
router.add_router("/", drafting.router)
router.add_router("/", effect.router)
