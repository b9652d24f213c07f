"""The credit API at /api/v1/credit: staff listing, removal, restriction and lifting."""

from tianping.credit.api.staff import router

__all__ = ["router"]
