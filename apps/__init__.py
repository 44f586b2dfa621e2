"""One package per e-system; each exports `APP = AppSpec(...)`, declares its registers in `resources.py` and its
reports in `reports.py` (both known to core before any page), and registers its pages in `pages.py`."""

import importlib
import importlib.util

from apps.admin import APP as ADMIN
from apps.egp import APP as EGP
from apps.elaas import APP as ELAAS
from apps.eoffice import APP as EOFFICE
from apps.eplan import APP as EPLAN
from apps.help import APP as HELP
from apps.hr import APP as HR
from apps.info import APP as INFO
from core.menu import register_app

APPS = [INFO, EPLAN, ELAAS, EGP, EOFFICE, HR, HELP, ADMIN]
for _spec in APPS:
    register_app(_spec)  # core's menu, set-up and demo reach the apps only through this registry
    for _module in ('resources', 'reports'):  # its registers and reports, known to services before any page
        if importlib.util.find_spec(f'apps.{_spec.key}.{_module}') is not None:
            importlib.import_module(f'apps.{_spec.key}.{_module}')


def register_pages() -> None:
    for spec in APPS:
        importlib.import_module(f'apps.{spec.key}.pages').register()
