"""Backups on an install of several LAOs: an archive holds every LAO, so the install's administrator makes and reads
them from the page; one LAO's own administrator is refused, naming who may."""

import pytest
from sqlmodel import select

from core import backup, db
from core.access import load_principal
from core.errors import Refusal
from helpers import principal
from models.org import User


def test_the_install_administrator_backs_up_an_install_of_several_laos_and_an_lao_administrator_may_not(
        demo_province) -> None:
    admin = principal('admin')
    assert admin.install_admin
    backup.require_backup(admin)
    with db.session_scope() as session:
        others = [load_principal(session, user_id) for user_id in session.exec(
            select(User.id).where(User.org_id != admin.org_id)).all()]
    peer_admins = [p for p in others if p is not None and p.can(backup.PERMISSION)]
    assert peer_admins  # each peer LAO's first administrator
    with pytest.raises(Refusal, match='ผู้ดูแลการติดตั้ง'):
        backup.require_backup(peer_admins[0])
