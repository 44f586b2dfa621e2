"""Entry point: `python main.py [--demo] [--reset-demo] [--port N] [--host H] [--data-dir DIR] [--db URL]`.

Also, with the same --data-dir / --db:
- `python main.py verify-audit`: exit 0 when every audit chain is intact and matches its newest anchor;
- `python main.py backup [--to DIR]`: one archive (database, attachments, manifest) into DIR or data/backups;
- `python main.py restore ARCHIVE [--replace]`: check the archive, restore it, print the three checks.
No SQLModel table is defined here (the NiceGUI test fixture runs this file once per test).
"""

import argparse
import os
import sys

os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

from nicegui import app, run, ui  # noqa: E402

from core import db, memory, settings  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description='ระบบงานองค์กรปกครองส่วนท้องถิ่น (LAO e-systems suite)')
    parser.add_argument('command', nargs='?', choices=['serve', 'verify-audit', 'backup', 'restore'], default='serve')
    parser.add_argument('archive', nargs='?', help='restore: the backup archive (.tar.gz) to restore')
    parser.add_argument('--to', help='backup: folder to write the archive to (default: DATA_DIR/backups)')
    parser.add_argument('--replace', action='store_true', help='restore: replace a database that already holds data')
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
    with db.owner_scope() as session:  # every LAO's chain
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


def backup_command(to: str | None) -> int:
    from core import backup
    from core.errors import Refusal
    try:
        info = backup.create(to)
    except Refusal as error:
        print(f'backup FAILED: {error}')
        return 1
    print(f'backup written: {info.path} ({info.size:,} bytes)')
    print(info.message)
    return 0 if info.ok else 1


def restore_command(archive: str | None, replace: bool) -> int:
    from core import backup
    from core.errors import Refusal
    if not archive:
        print('restore: name the archive, e.g. python main.py restore data/backups/lao-....tar.gz')
        return 2
    try:
        report = backup.restore(archive, replace=replace)
    except Refusal as error:
        print(f'restore REFUSED: {error}')
        return 1
    for line in report.lines():
        print(line)
    print('restore complete: all checks passed' if report.ok else 'restore finished, but a check FAILED (see above)')
    return 0 if report.ok else 1


def build() -> None:
    """Register the shell's pages and every app's pages."""
    import apps
    from pages import errors, home, login, patches, setup
    from pages.kit import register_file_route
    patches.install()
    errors.register()
    login.register()
    setup.register()
    home.register()
    apps.register_pages()
    register_file_route()
    from pages.uploads import UploadLimit
    if UploadLimit not in {m.cls for m in app.user_middleware}:  # the test fixture runs build() once per test
        app.add_middleware(UploadLimit)
    app.on_startup(_sweep_storage)
    if not os.environ.get('NICEGUI_USER_SIMULATION'):
        app.on_startup(_schedule_backups)


def _schedule_backups() -> None:
    """Once an hour: pin the audit anchors and make today's backup when there is none yet. The first check runs
    five minutes after start, so a short-lived server (a test run, --reset-demo) does not write an archive."""
    import logging

    from nicegui import run

    from core import backup

    async def tick() -> None:
        try:
            await run.io_bound(backup.daily_if_due)
        except Exception:  # the server keeps serving; the administrator's home page shows the stale backup
            logging.getLogger('backup').exception('scheduled backup failed')

    app.timer(3600, tick, immediate=False)
    app.timer(300, tick, once=True)


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
    if not simulated:
        os.umask(0o077)  # what this process creates is for its owner only (data dir modes are also set explicitly)
    demo = True if args.demo or args.reset_demo else None
    config = settings.configure(demo=demo, host=args.host, port=args.port, data_dir=args.data_dir,
                                database_url=args.database_url)
    db.init(config)
    import apps  # noqa: F401  (the apps register themselves into core's registries)
    if args.command == 'restore':
        sys.exit(restore_command(args.archive, args.replace))
    if args.command in ('verify-audit', 'backup'):
        db.migrate()
        sys.exit(verify_audit() if args.command == 'verify-audit' else backup_command(args.to))
    if not simulated or os.environ.get('LAO_MIGRATE_IN_TESTS'):
        db.migrate()
    if config.demo and not simulated:
        from core.demo import ensure_demo
        ensure_demo(reset=args.reset_demo)
    # Report files are made in worker processes (run.cpu_bound) forked from the server: they start at once with the
    # registered reports and this configuration (a fresh start would run this file again); db.engine() gives a
    # forked worker its own connections.
    run.process_pool_start_method = 'fork'
    build()
    app.on_startup(lambda: memory.settle('start'))  # what start-up made is kept for good: out of the collector's way
    ui.run(host=config.host, port=config.port, title='ระบบงาน อปท.', language='th', favicon='🏛️',
           storage_secret=config.storage_secret(), reload=False, show=False, reconnect_timeout=10)


if __name__ in {'__main__', '__mp_main__'}:
    main()
