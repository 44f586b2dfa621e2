"""SQLModel tables shared by all apps, one module per domain. Importing this package registers every table."""

from models import (  # noqa
    audit, codes, drafts, files, finance, help, hr, imports, info, numbering, office, org, plan, procurement,
    submission,
)
