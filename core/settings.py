"""Process settings (pydantic-settings): read from the environment, overridden by command-line flags.

Everything under the data dir is for the owner only (folders 0700, files 0600), set explicitly whatever the
process umask: the database, attachments, backups and secrets of an LAO are not for other local users.
"""

import ipaddress
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / 'assets'
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def private_dir(path: Path) -> Path:
    """Create a folder (and any missing parents) that only its owner may enter; tighten it if it exists."""
    path = Path(path)
    missing = [p for p in (*reversed(path.parents), path) if not p.exists()]
    for folder in missing:
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:  # another process made it meanwhile
            pass
        folder.chmod(PRIVATE_DIR)  # mkdir's mode is filtered by the umask; chmod is not
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def private_file(path: Path, content: bytes) -> None:
    """Write a file only its owner may read, atomically (a crash leaves the old file or the new, never half)."""
    path = Path(path)
    private_dir(path.parent)
    temporary = path.with_name(f'.{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp')
    with open_private(temporary) as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def open_private(path: Path, append: bool = False):
    """Open a file for (binary) writing, created owner-only whatever the umask."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
    descriptor = os.open(path, flags, PRIVATE_FILE)
    os.fchmod(descriptor, PRIVATE_FILE)
    return os.fdopen(descriptor, 'ab' if append else 'wb')


def private_secret(path: Path) -> str:
    """A random secret kept in one owner-only file, generated once; two processes starting together agree on it."""
    path = Path(path)
    if not path.exists():
        private_dir(path.parent)
        temporary = path.with_name(f'.{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp')
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        try:
            os.fchmod(descriptor, PRIVATE_FILE)
            os.write(descriptor, secrets.token_urlsafe(48).encode())
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            os.link(temporary, path)  # atomic and never replaces a secret another process created first
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()


class Settings(BaseSettings):
    """Where the data lives and how the server listens. LAO-level policies live in the database."""

    model_config = SettingsConfigDict(env_prefix='LAO_', extra='ignore', validate_by_name=True)

    data_dir: Path = Path('data')
    database_url: str = Field('', validation_alias=AliasChoices('DATABASE_URL', 'LAO_DATABASE_URL'))
    # PostgreSQL: the schema owner who runs the migrations (and backups); the application itself connects with
    # DATABASE_URL as a role that is neither the owner nor BYPASSRLS, fenced by row-level security. Empty: the same
    # role (a one-LAO install needs nothing new)
    database_owner_url: str = Field('', validation_alias=AliasChoices('DATABASE_OWNER_URL', 'LAO_DATABASE_OWNER_URL'))
    host: str = '0.0.0.0'
    port: int = 8080
    demo: bool = False
    timezone: str = 'Asia/Bangkok'  # the LAO's clock: dates, fiscal years and running numbers follow it
    loop_guard: Literal['off', 'warn', 'raise'] = 'warn'  # a database session opened on the event loop
    first_paint: float = 1.0  # seconds a page may build before it is answered with its shell and a spinner
    page_timeout: float = 20.0  # seconds a page may take to build before the user gets the Thai error page
    # reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); none by default
    trusted_proxies: str = ''
    # sign-in with the province's (or any OpenID Connect) account: on when an issuer and a client id are set; the
    # client secret lives in DATA_DIR/oidc_client_secret (owner-only, like the other secrets), never here
    oidc_issuer: str = ''
    oidc_client_id: str = ''
    oidc_username_claim: str = 'email'  # the claim naming the local account: its username, or its email
    oidc_email_domain: str = ''  # when set, only verified emails of this domain are accepted
    public_url: str = ''  # the address users reach this server at (e.g. behind a proxy); else taken from requests

    @property
    def db_url(self) -> str:
        """DATABASE_URL, or a SQLite file under the data dir."""
        return self.database_url or f'sqlite:///{self.sqlite_path}'

    @property
    def owner_db_url(self) -> str:
        """DATABASE_OWNER_URL, else db_url: who runs migrations and backups."""
        return self.database_owner_url or self.db_url

    @property
    def sqlite_path(self) -> Path:
        return (self.data_dir / 'lao.sqlite3').resolve()

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith('sqlite')

    @property
    def trusted_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in self.trusted_proxies.split(',')
                     if part.strip())

    @property
    def files_dir(self) -> Path:
        return self.data_dir / 'files'

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / 'backups'

    @property
    def audit_key_path(self) -> Path:
        """The audit chain's HMAC key: outside the database, so whoever edits rows cannot re-sign them."""
        return self.data_dir / 'audit_key'

    @property
    def anchors_path(self) -> Path:
        """Append-only JSON lines: the head of every audit chain, written at each backup and check."""
        return self.data_dir / 'audit_anchors.jsonl'

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    def oidc_client_secret(self) -> str:
        """The provider's client secret, written by the server's operator into the data dir ('' when none)."""
        path = self.data_dir / 'oidc_client_secret'
        return path.read_text().strip() if path.exists() else ''

    def storage_secret(self) -> str:
        """The browser-session signing secret: generated once, kept in the data dir."""
        return private_secret(self.data_dir / 'storage_secret')


_current: Settings | None = None


def configure(**overrides) -> Settings:
    """Build the settings once per process start (main.py), command-line values overriding the environment."""
    global _current
    _current = Settings(**{k: v for k, v in overrides.items() if v is not None})
    private_dir(_current.data_dir)
    return _current


def get_settings() -> Settings:
    return _current if _current is not None else configure()


def clock_zone() -> str:
    """settings.timezone, without configuring the process (and making its data dir) when nothing has yet: the clock
    is read at import time too (e.g. a test module's fiscal year)."""
    return (_current or Settings()).timezone


@lru_cache
def asset(*parts: str) -> Path:
    return ASSETS.joinpath(*parts)
