"""Failed sign-ins slow and then lock one name at one address; the account stays open from elsewhere."""

from sqlmodel import func, select

from apps.admin import service as admin
from core import auth, db, throttle
from helpers import ThrottleClock, fail_sign_ins, lock_at, principal
from models.audit import AuditEvent
from models.org import Organization, SignInFailure

DESK, STRANGER = '10.0.0.5', '10.0.0.66'


def test_quick_failures_make_each_wait_twice_as_long(monkeypatch) -> None:
    clock = ThrottleClock(monkeypatch)
    for _ in range(throttle.FREE_PER_NAME):  # a few slips cost nothing
        assert auth.login('planner', 'wrong-password', STRANGER).message == auth.BAD_LOGIN
    waits = []
    for _ in range(4):
        assert auth.login('planner', 'wrong-password', STRANGER).message == auth.BAD_LOGIN
        refused = auth.login('planner', 'demo1234', STRANGER)  # even the right password waits its turn
        assert not refused.ok and f'ลองใหม่ได้ในอีก {refused.retry_after} วินาที' in refused.message
        waits.append(refused.retry_after)
        clock.advance(seconds=refused.retry_after)
    assert waits == [3, 5, 9, 17]  # 2, 4, 8, 16 s, rounded up to the next whole second
    assert auth.login('planner', 'demo1234', STRANGER).ok  # the wait over, the right password works
    assert auth.login('planner', 'wrong-password', STRANGER).message == auth.BAD_LOGIN  # the success cleared it
    assert not auth.login('planner', 'demo1234', STRANGER).retry_after


def test_many_names_from_one_address_are_slowed_too(monkeypatch) -> None:
    ThrottleClock(monkeypatch)
    for index in range(throttle.FREE_PER_ADDRESS + 1):
        assert auth.login(f'guess{index}', 'wrong-password', STRANGER).message == auth.BAD_LOGIN
    assert auth.login('another-name', 'whatever', STRANGER).retry_after
    assert auth.login('planner', 'demo1234', DESK).ok  # another address is not affected


def _lao_limit(attempts: int) -> int:
    with db.session_scope(write=True) as session:
        org = session.exec(select(Organization)).one()
        org.lockout_attempts = attempts
        session.add(org)
    return attempts


def test_the_limit_locks_the_name_at_that_address_only(monkeypatch) -> None:
    clock = ThrottleClock(monkeypatch)
    limit = _lao_limit(10)  # the lowest an LAO may set
    last = fail_sign_ins(clock, 'mayor', limit, STRANGER)
    assert 'ถูกระงับชั่วคราวสำหรับการเข้าระบบจากเครื่องนี้' in last.message
    refused = auth.login('mayor', 'demo1234', STRANGER)
    assert not refused.ok and 'ถูกระงับชั่วคราว' in refused.message
    assert auth.login('mayor', 'demo1234', DESK).ok  # the mayor at his own desk is not locked out
    with db.session_scope() as session:
        actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]
    assert actions.count('lockout') == 1 and actions.count('login_failed') == limit
    admin_actor = principal('admin')
    pending = admin.pending_work(admin_actor)[0]
    assert pending.count == 1
    clock.advance(minutes=throttle.DEFAULT_MINUTES + 1)
    assert auth.login('mayor', 'demo1234', STRANGER).ok  # the lock ends after the LAO's minutes


def test_the_mayor_is_slowed_from_elsewhere_but_never_refused(monkeypatch) -> None:
    clock = ThrottleClock(monkeypatch)
    for _ in range(throttle.FREE_PAUSE):
        auth.login('mayor', 'wrong-password', STRANGER)
    assert throttle.pause('mayor', DESK) == 0
    for _ in range(5):
        auth.login('mayor', 'wrong-password', STRANGER)
        clock.advance(seconds=60)
    assert 0 < throttle.pause('mayor', DESK) <= throttle.MAX_PAUSE  # the page waits this long, off the event loop
    assert throttle.pause('mayor', STRANGER) == 0  # there the failures' own wait applies
    assert auth.login('mayor', 'demo1234', DESK).ok


def test_an_administrator_unlocks_every_address(monkeypatch) -> None:
    ThrottleClock(monkeypatch)
    lock_at('clerk', STRANGER)
    user_id = principal('clerk').user_id
    assert admin.account_access(principal('admin'), user_id)[0] == [STRANGER]
    admin.unlock(principal('admin'), user_id)
    assert admin.account_access(principal('admin'), user_id)[0] == []
    assert auth.login('clerk', 'demo1234', STRANGER).ok


def test_failures_are_shown_to_the_administrator_and_pruned_after_a_week(monkeypatch) -> None:
    clock = ThrottleClock(monkeypatch)
    auth.login('cashier', 'wrong-password', STRANGER)
    auth.login('nobody-here', 'wrong-password', STRANGER)
    shown = admin.recent_sign_in_failures(principal('admin'))
    assert [(f.username, f.address, f.count) for f in shown] == [('cashier', STRANGER, 1)]  # the LAO's own accounts
    clock.advance(days=8)
    auth.login('cashier', 'wrong-password', DESK)
    with db.session_scope() as session:
        assert session.exec(select(func.count()).select_from(SignInFailure)).one() == 1


def test_recovery_codes_are_throttled_like_passwords(monkeypatch) -> None:
    ThrottleClock(monkeypatch)
    for _ in range(throttle.FREE_PER_NAME + 1):
        try:
            auth.recover_password('legal', 'AAAA-BBBB-CCCC', 'legal-new-9', 'legal-new-9', STRANGER)
        except auth.AuthError as error:
            message = str(error)
    assert message == auth.BAD_CODE
    code = auth.regenerate_recovery_codes(principal('legal').user_id)[0]
    try:
        auth.recover_password('legal', code, 'legal-new-9', 'legal-new-9', STRANGER)
    except auth.AuthError as error:
        assert 'ลองใหม่ได้ในอีก' in str(error)
    else:
        raise AssertionError('a throttled recovery went through')
    auth.recover_password('legal', code, 'legal-new-9', 'legal-new-9', DESK)
