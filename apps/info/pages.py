"""Info pages: built from the register declarations."""

from apps.info.resources import VILLAGES
from core.resource_ui import register_resource


def register() -> None:
    register_resource(VILLAGES)
