"""The hearings API: scheduling and listings, online hearings and transcripts."""

from ninja import Router

from tianping.hearings.api import online, scheduling

router = Router()
router.add_router("/", scheduling.router)
router.add_router("/", online.router)
public_router = scheduling.public_router
