"""The openness API: published judgments (staff pipeline and public reading) and process disclosure."""

from ninja import Router

from tianping.publicity.api import process, publication

router = Router()
router.add_router("/", publication.router)
router.add_router("/", process.router)
