"""The portal reads every context; its fixtures come from theirs."""

from tests.delivery.conftest import huey_immediate, world  # noqa: F401  (fixtures)
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.filing.conftest import make_filing  # noqa: F401  (fixture)
