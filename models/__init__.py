"""SQLModel tables shared by all apps, one module per domain. Importing this package registers every table."""

from models import audit, drafts, files, info, numbering, office, org  # noqa: F401
