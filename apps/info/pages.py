"""Info pages: built from the register declarations."""

from apps.info.resources import VILLAGES
from pages.kit import register_resource


def register() -> None:
    register_resource(VILLAGES)
