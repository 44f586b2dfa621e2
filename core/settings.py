"""Process settings (pydantic-settings): read from the environment, overridden by command-line flags."""

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / 'assets'


class Settings(BaseSettings):
    """Where the data lives and how the server listens. LAO-level policies live in the database."""

    model_config = SettingsConfigDict(env_prefix='LAO_', extra='ignore', validate_by_name=True)

    data_dir: Path = Path('data')
    database_url: str = Field('', validation_alias=AliasChoices('DATABASE_URL', 'LAO_DATABASE_URL'))
    host: str = '0.0.0.0'
    port: int = 8080
    demo: bool = False
    timezone: str = 'Asia/Bangkok'  # the LAO's clock: dates, fiscal years and running numbers follow it
    page_timeout: float = 20.0  # seconds a page may take to build before the user gets the Thai error page

    @property
    def db_url(self) -> str:
        """DATABASE_URL, or a SQLite file under the data dir."""
        return self.database_url or f'sqlite:///{(self.data_dir / "lao.sqlite3").resolve()}'

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith('sqlite')

    @property
    def files_dir(self) -> Path:
        return self.data_dir / 'files'

    def storage_secret(self) -> str:
        """The browser-session signing secret: generated once, kept in the data dir."""
        path = self.data_dir / 'storage_secret'
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


_current: Settings | None = None


def configure(**overrides) -> Settings:
    """Build the settings once per process start (main.py), command-line values overriding the environment."""
    global _current
    _current = Settings(**{k: v for k, v in overrides.items() if v is not None})
    _current.data_dir.mkdir(parents=True, exist_ok=True)
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
