"""The openness API: published judgments (staff pipeline and public reading), process and enforcement disclosure."""

from ninja import Router

from tianping.publicity.api import enforcement, process, publication

router = Router()
router.add_router("/", publication.router)
router.add_router("/", process.router)
router.add_router("/", enforcement.router)
