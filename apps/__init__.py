"""One package per e-system; each exports `APP = AppSpec(...)` and registers its pages in `pages.py`."""

import importlib

from apps.admin import APP as ADMIN
from apps.elaas import APP as ELAAS
from apps.eoffice import APP as EOFFICE
from apps.eplan import APP as EPLAN
from apps.help import APP as HELP
from apps.info import APP as INFO

APPS = [INFO, EPLAN, ELAAS, EOFFICE, HELP, ADMIN]


def register_pages() -> None:
    for spec in APPS:
        importlib.import_module(f'apps.{spec.key}.pages').register()
