"""Entry point: `python main.py [--demo] [--reset-demo] [--port N] [--host H] [--data-dir DIR] [--db URL]`.

Also `python main.py verify-audit [--data-dir DIR] [--db URL]`: exit 0 when the audit chain is intact.
No SQLModel table is defined here (the NiceGUI test fixture runs this file once per test).
"""

import argparse
import os
import sys

os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

from nicegui import app, ui  # noqa: E402

from core import db, settings  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='ระบบงานองค์กรปกครองส่วนท้องถิ่น (LAO e-systems suite)')
    parser.add_argument('command', nargs='?', choices=['serve', 'verify-audit'], default='serve')
    parser.add_argument('--demo', action='store_true', default=None, help='open the demo LAO and persona switcher')
    parser.add_argument('--reset-demo', action='store_true', help='rebuild the demo data (demo-only database)')
    parser.add_argument('--host', help='address to listen on (default 0.0.0.0)')
    parser.add_argument('--port', type=int, help='port (default 8080)')
    parser.add_argument('--data-dir', help='folder for the SQLite database, attachments and secrets (default ./data)')
    parser.add_argument('--db', dest='database_url', help='database URL (default: DATABASE_URL or SQLite in data dir)')
    return parser.parse_args(argv)


def verify_audit() -> int:
    """Check every audit chain against its signatures and the newest anchor; pin the heads when intact."""
    from core import audit
    with db.session_scope() as session:
        result = audit.verify(session)
        if result.ok:
            audit.write_anchors(session, 'verify-audit')
    if result.ok:
        print(f'audit chain intact: {result.checked} events in {result.chains} chains')
        print(result.describe())
        return 0
    print(f'audit chain BROKEN at event id {result.broken_id} ({result.checked} events checked before it)')
    print(result.describe())
    return 1


def build() -> None:
    """Register the shell's pages and every app's pages."""
    import apps
    from core.resource_ui import register_file_route
    from pages import home, login, setup
    login.register()
    setup.register()
    home.register()
    apps.register_pages()
    register_file_route()
    app.on_startup(_sweep_storage)


def _sweep_storage() -> None:
    """NiceGUI never deletes per-browser storage files; drop the ones idle for more than 30 days."""
    import time
    from pathlib import Path
    folder = Path('.nicegui')
    for path in folder.glob('storage-user-*.json') if folder.exists() else []:
        if time.time() - path.stat().st_mtime > 30 * 86400:
            path.unlink(missing_ok=True)


def main() -> None:
    simulated = bool(os.environ.get('NICEGUI_USER_SIMULATION'))
    args = parse_args([] if simulated else sys.argv[1:])
    demo = True if args.demo or args.reset_demo else None
    config = settings.configure(demo=demo, host=args.host, port=args.port, data_dir=args.data_dir,
                                database_url=args.database_url)
    db.init(config)
    if args.command == 'verify-audit':
        sys.exit(verify_audit())
    if not simulated or os.environ.get('LAO_MIGRATE_IN_TESTS'):
        db.migrate()
    if config.demo and not simulated:
        from core.demo import ensure_demo
        ensure_demo(reset=args.reset_demo)
    build()
    ui.run(host=config.host, port=config.port, title='ระบบงาน อปท.', language='th', favicon='🏛️',
           storage_secret=config.storage_secret(), reload=False, show=False, reconnect_timeout=10)


if __name__ in {'__main__', '__mp_main__'}:
    main()
