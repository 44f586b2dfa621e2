"""Accounts: login outcomes, recovery codes, reset codes — all audited (throttling: test_throttle.py)."""

import pytest
from sqlmodel import select

from core import auth, db
from core.access import PermissionDenied
from helpers import principal
from models.audit import AuditEvent
from models.org import Organization, User


def _actions(username: str | None = None) -> list[str]:
    with db.session_scope() as session:
        return [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]


def _set_policy(**values) -> None:
    with db.session_scope(write=True) as session:
        org = session.exec(select(Organization)).one()
        for k, v in values.items():
            setattr(org, k, v)
        session.add(org)


def test_login_success_and_failure_are_audited() -> None:
    assert auth.login('planner', 'demo1234').ok
    bad = auth.login('planner', 'nope')
    assert not bad.ok and bad.message == auth.BAD_LOGIN
    unknown = auth.login('nobody', 'x')
    assert not unknown.ok and unknown.message == auth.BAD_LOGIN  # no hint that the account does not exist
    assert _actions()[-3:] == ['login', 'login_failed', 'login_failed']


def test_recovery_codes_are_one_time_and_regenerable() -> None:
    user_id = principal('clerk').user_id
    codes = auth.regenerate_recovery_codes(user_id)
    assert len(codes) == 10 and len(set(codes)) == 10
    auth.recover_password('clerk', codes[3].lower(), 'new-secret-1', 'new-secret-1')
    assert auth.login('clerk', 'new-secret-1').ok
    with pytest.raises(auth.AuthError, match='ถูกใช้ไปแล้ว'):
        auth.recover_password('clerk', codes[3], 'another-pass', 'another-pass')
    assert auth.remaining_recovery_codes(user_id) == 9
    fresh = auth.regenerate_recovery_codes(user_id)
    with pytest.raises(auth.AuthError):  # the old set stops working at once
        auth.recover_password('clerk', codes[4], 'another-pass', 'another-pass')
    auth.recover_password('clerk', fresh[0], 'another-pass', 'another-pass')
    assert 'password_recovered' in _actions()


def test_admin_reset_code_works_once_and_needs_the_permission() -> None:
    admin, planner = principal('admin'), principal('planner')
    target = principal('teacher').user_id
    with pytest.raises(PermissionDenied):
        auth.issue_reset_code(planner, target)
    code = auth.issue_reset_code(admin, target)
    auth.recover_password('teacher', code, 'teach-2569x', 'teach-2569x')
    assert auth.login('teacher', 'teach-2569x').ok
    with pytest.raises(auth.AuthError):
        auth.recover_password('teacher', code, 'teach-2570x', 'teach-2570x')
    actions = _actions()
    assert {'reset_code_issued', 'password_reset', 'access_denied'} <= set(actions)


def test_password_change_checks_old_password_and_signs_out_other_sessions() -> None:
    user_id = principal('hr').user_id
    with pytest.raises(auth.AuthError, match='รหัสผ่านเดิม'):
        auth.change_password(user_id, 'wrong', 'brand-new-1', 'brand-new-1')
    with pytest.raises(auth.AuthError, match='ยืนยันรหัสผ่าน'):
        auth.change_password(user_id, 'demo1234', 'brand-new-1', 'brand-new-2')
    with pytest.raises(auth.AuthError, match='อย่างน้อย 8'):
        auth.change_password(user_id, 'demo1234', 'short', 'short')
    before = principal('hr').session_version
    auth.change_password(user_id, 'demo1234', 'brand-new-1', 'brand-new-1')
    assert principal('hr').session_version == before + 1
    assert auth.login('hr', 'brand-new-1').ok and not auth.login('hr', 'demo1234').ok


def test_inactive_user_cannot_sign_in() -> None:
    with db.session_scope(write=True) as session:
        user = session.exec(select(User).where(User.username == 'driver')).one()
        user.is_active = False
        session.add(user)
    assert not auth.login('driver', 'demo1234').ok


def test_a_reset_code_gives_an_account_without_codes_its_first_set() -> None:
    user_id = principal('driver').user_id
    code = auth.issue_reset_code(principal('admin'), user_id)
    fresh = auth.recover_password('driver', code, 'driver-new-1', 'driver-new-1')
    assert len(fresh) == 10 and auth.remaining_recovery_codes(user_id) == 10
    assert auth.recover_password('driver', fresh[0], 'driver-new-2', 'driver-new-2') == []  # 9 left: no new set


def test_first_password_change_issues_recovery_codes_once() -> None:
    user_id = principal('driver').user_id
    assert auth.remaining_recovery_codes(user_id) == 0
    codes = auth.change_password(user_id, 'demo1234', 'driver-new-1', 'driver-new-1')
    assert len(codes) == 10 and auth.remaining_recovery_codes(user_id) == 10
    assert auth.change_password(user_id, 'driver-new-1', 'driver-new-2', 'driver-new-2') == []


def test_one_recovery_code_used_twice_at_once_works_once() -> None:
    import threading
    user_id = principal('clerk').user_id
    code = auth.regenerate_recovery_codes(user_id)[0]
    outcomes: list[str] = []

    def recover(password: str) -> None:
        try:
            auth.recover_password('clerk', code, password, password)
            outcomes.append('ok')
        except auth.AuthError:
            outcomes.append('refused')

    threads = [threading.Thread(target=recover, args=(p,)) for p in ('first-secret-1', 'second-secret-2')]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ['ok', 'refused']
