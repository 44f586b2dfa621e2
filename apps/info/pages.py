"""Info pages: built from the register declarations."""

from apps.eoffice.links import related_letters
from apps.info.resources import VILLAGES
from pages.kit import register_resource


def register() -> None:
    register_resource(VILLAGES, [related_letters('Village')])
