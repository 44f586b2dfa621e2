"""A real OpenID Connect provider for the sign-in tests (npm oidc-provider with a static client and its development
login form, tests/oidc_provider.mjs), on 127.0.0.1. Node and npm are needed: without them the tests are skipped,
except in CI (CI=true) where that is a failure. The provider is installed once into .cache/ (git-ignored)."""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PROVIDER_MAJOR = 8  # supports Node 18 (Debian 12's) and 20
INSTALL = ROOT / '.cache' / f'oidc-provider-{PROVIDER_MAJOR}'
CLIENT_ID, CLIENT_SECRET = 'lao-test', 'only-for-tests-secret'


def _missing(message: str) -> None:
    if os.environ.get('CI', '').lower() == 'true':
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@contextmanager
def provider(callback: str) -> Iterator[str]:
    """A running provider whose one client may send the browser back to `callback`; its issuer URL."""
    node, npm = shutil.which('node'), shutil.which('npm')
    if not node or not npm:
        _missing('node and npm are needed for the OIDC sign-in tests: apt-get install nodejs npm')
    if not (INSTALL / 'node_modules' / 'oidc-provider').exists():
        INSTALL.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, 'install', '--no-audit', '--no-fund', '--no-save', '--prefix', str(INSTALL),
                        f'oidc-provider@{PROVIDER_MAJOR}'], check=True, capture_output=True, timeout=300)
    script = INSTALL / 'oidc_provider.mjs'  # beside its node_modules, where node resolves the import
    shutil.copy(ROOT / 'tests' / 'oidc_provider.mjs', script)
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([node, str(script), str(port), callback, CLIENT_ID, CLIENT_SECRET],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    issuer = f'http://127.0.0.1:{port}'
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f'{issuer}/.well-known/openid-configuration', timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f'the OIDC provider did not start: {process.communicate()[0][-2000:]}')
    try:
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
