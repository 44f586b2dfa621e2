"""Routing moves carry the version the page showed: every move makes the letter's next version, a move from an
older one is refused with the kit's Conflict (naming who moved it), and nothing is doubled in the trail."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from nicegui.testing import User
from sqlmodel import func, select

from apps.eoffice import registers, routing
from apps.eoffice.resources import INCOMING
from core import db, resource
from core.errors import Conflict
from helpers import principal, sign_in
from models.office import Document, RouteStep

LETTER = {'kind': 'external', 'doc_date': '18/11/2569', 'ref_no': 'มท 0808.2/ว 77',
          'sender': 'กรมส่งเสริมการปกครองท้องถิ่น', 'recipient': 'นายก อบต.', 'subject': 'แจ้งแนวทางการประเมินผล',
          'urgency': 'normal', 'secrecy': 'normal'}


def _version(document_id: int) -> int:
    with db.session_scope() as session:
        return session.get(Document, document_id).version


def _steps(document_id: int, action: str) -> int:
    with db.session_scope() as session:
        return session.exec(select(func.count()).select_from(RouteStep).where(
            RouteStep.document_id == document_id, RouteStep.action == action)).one()


def _presented_to_mayor() -> int:
    clerk, mayor = principal('clerk'), principal('mayor')
    document_id = resource.create(INCOMING, clerk, LETTER)
    routing.present(clerk, document_id, mayor.user_id, version=_version(document_id))
    return document_id


def test_two_executives_order_from_the_same_shown_version_and_the_second_is_refused() -> None:
    document_id = _presented_to_mayor()
    shown = _version(document_id)
    routing.order(principal('mayor'), document_id, 'ทราบ', version=shown)
    with pytest.raises(Conflict, match='ถูกแก้ไขโดยผู้อื่น') as refused:
        routing.order(principal('palad'), document_id, 'ทราบ แจ้งเวียน', version=shown)
    assert any(change['by'] == principal('mayor').full_name for change in refused.value.changes)
    assert _steps(document_id, 'order') == 1
    assert _version(document_id) == shown + 1


def test_two_moves_at_once_from_one_shown_version_make_one_move() -> None:
    document_id = _presented_to_mayor()
    shown = _version(document_id)
    division_id = principal('finance_dir').division_ids[0]

    def order_as(username: str) -> str:
        try:
            routing.order(principal(username), document_id, 'มอบ กองคลัง ดำเนินการ', division_id, version=shown)
        except Conflict:
            return 'refused'
        return 'done'

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(order_as, ('mayor', 'palad')))
    assert outcomes == ['done', 'refused']
    assert _steps(document_id, 'order') == 1


def test_every_move_makes_the_next_version_and_a_stale_one_is_refused() -> None:
    clerk, mayor, head, accountant = (principal(n) for n in ('clerk', 'mayor', 'finance_dir', 'accountant'))
    document_id = resource.create(INCOMING, clerk, LETTER)
    moves = [
        lambda v: routing.present(clerk, document_id, mayor.user_id, version=v),
        lambda v: routing.acknowledge(mayor, document_id, version=v),
        lambda v: routing.order(mayor, document_id, 'มอบ กองคลัง', head.division_ids[0], version=v),
        lambda v: routing.assign(head, document_id, accountant.user_id, version=v),
        lambda v: routing.complete(accountant, document_id, 'แจ้งทุกกองแล้ว', version=v),
    ]
    for move in moves:
        shown = _version(document_id)
        move(shown)
        assert _version(document_id) == shown + 1
        with pytest.raises(Conflict):
            move(shown)
    assert [_steps(document_id, a) for a in ('present', 'order', 'assign', 'complete')] == [1, 1, 1, 1]


def test_cancel_and_use_reserved_check_the_version_too() -> None:
    clerk = principal('clerk')
    registers.reserve_numbers(clerk, 'memo', 2, 'บันทึกเสนอ')
    with db.session_scope() as session:
        first, second = session.exec(select(Document.id).where(Document.status == 'reserved')
                                     .order_by(Document.id.desc()).limit(2)).all()
    shown = _version(first)
    registers.cancel(clerk, first, 'ไม่ได้ใช้', version=shown)
    with pytest.raises(Conflict):
        registers.cancel(clerk, first, 'ไม่ได้ใช้', version=shown)
    with pytest.raises(Conflict):
        registers.use_reserved(clerk, second, version=_version(second) - 1)


async def test_a_letter_page_left_open_is_refused_after_someone_else_moved_the_letter(user: User) -> None:
    clerk, mayor, palad = principal('clerk'), principal('mayor'), principal('palad')
    document_id = resource.create(INCOMING, clerk, LETTER)
    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open(f'/eoffice/incoming/{document_id}')
    await user.should_see(marker='route-present')
    routing.present(clerk, document_id, palad.user_id)  # another tab (or another registrar) presented it meanwhile
    user.find(marker='present-to').elements.pop().value = mayor.user_id
    user.find(marker='present-button').click()
    await user.should_see('ถูกแก้ไขโดยผู้อื่น', retries=100)
    assert _steps(document_id, 'present') == 1
