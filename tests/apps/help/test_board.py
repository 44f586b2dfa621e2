"""The web board: ask, answer, accept (the asker or a moderator), hide (moderators), search, the home page's
notice, nothing doubled on a repeat, and accepted answers answering the assistant's questions."""

from dataclasses import replace

import pytest
from sqlmodel import func, select

from apps.help import board, survey
from core import db
from core.errors import Denied, NotFound, ValidationFailed
from helpers import principal
from models.help import BoardAnswer


def test_ask_answer_accept_and_the_assistant_learns() -> None:
    clerk, palad = principal('clerk'), principal('palad')
    qid = board.ask(clerk, 'เบิกค่าเบี้ยประชุมกรรมการสอบสวนทางวินัยได้ไหม', 'มีคำสั่งแต่งตั้งแล้ว', key='k1')
    assert board.ask(clerk, 'เบิกค่าเบี้ยประชุมกรรมการสอบสวนทางวินัยได้ไหม', key='k1') == qid  # a double-click
    aid = board.reply(palad, qid, 'เบิกได้ตามระเบียบค่าตอบแทนกรรมการสอบสวน แนบคำสั่งแต่งตั้งและรายงานการประชุม')
    assert [w.count for w in board.pending(clerk)] == [2]  # the demo's question of hers waits too
    assert board.pending(palad)[0].count == 0
    with pytest.raises(Denied):
        board.accept(palad, qid, aid)  # only the asker or a moderator
    before = board.ask_assistant(clerk, 'เบี้ยประชุมกรรมการสอบสวนวินัย')
    assert all(h.source.key != f'board:{qid}' for h in before.hits)
    board.accept(clerk, qid, aid)
    after = board.ask_assistant(clerk, 'เบี้ยประชุมกรรมการสอบสวนวินัย')
    assert after.best.source.key == f'board:{qid}' and after.best.source.link == f'/help/board/{qid}'
    assert after.best.source.text.startswith('เบิกได้ตามระเบียบ')
    assert board.pending(clerk)[0].count == 1
    question, answers = board.thread(clerk, qid)
    assert question.accepted_answer_id == aid and [a.id for a in answers] == [aid]


def test_search_finds_thai_words_in_questions_and_answers() -> None:
    clerk = principal('clerk')
    qid = board.ask(clerk, 'ขอถามเรื่องซ่อมแซมถนนลูกรัง')
    board.reply(principal('engineer'), qid, 'ใช้งบประมาณหมวดค่าวัสดุก่อสร้าง')
    assert qid in [r.id for r in board.questions(clerk, 'ซ่อมถนน')]
    assert qid in [r.id for r in board.questions(clerk, 'วัสดุก่อสร้าง')]
    assert qid not in [r.id for r in board.questions(clerk, 'ฎีกาเงินเดือน')]
    assert qid in [r.id for r in board.questions(clerk, mine=True)]
    assert qid not in [r.id for r in board.questions(principal('palad'), mine=True)]


def test_moderation_hides_from_everyone_but_moderators() -> None:
    clerk, admin = principal('clerk'), principal('admin')
    qid = board.ask(clerk, 'ขายของออนไลน์ ราคาถูก')
    with pytest.raises(Denied):
        board.hide(clerk, 'question', qid, 'โฆษณา')
    with pytest.raises(ValidationFailed) as refused:
        board.hide(admin, 'question', qid, '')
    assert 'เหตุผลที่ซ่อน' in refused.value.errors['reason']
    board.hide(admin, 'question', qid, 'โฆษณา ไม่เกี่ยวกับงาน')
    assert qid not in [r.id for r in board.questions(clerk)]
    assert qid in [r.id for r in board.questions(admin)]
    with pytest.raises(NotFound):
        board.thread(clerk, qid)
    with pytest.raises(NotFound):
        board.reply(principal('palad'), qid, 'ตอบ')


def test_a_hidden_accepted_answer_leaves_the_assistant() -> None:
    clerk, admin = principal('clerk'), principal('admin')
    qid = board.ask(clerk, 'ตั้งเครื่องพิมพ์สีในสำนักปลัดอย่างไร')
    aid = board.reply(admin, qid, 'เลือกเครื่องพิมพ์สีในหน้าต่างพิมพ์ของเบราว์เซอร์')
    board.accept(clerk, qid, aid)
    assert board.ask_assistant(clerk, 'เครื่องพิมพ์สีสำนักปลัด').best.source.key == f'board:{qid}'
    board.hide(admin, 'answer', aid, 'ข้อมูลไม่ถูกต้อง')
    assert all(h.source.key != f'board:{qid}' for h in board.ask_assistant(clerk, 'เครื่องพิมพ์สีสำนักปลัด').hits)


def test_bad_input_is_refused_with_the_field_named() -> None:
    clerk = principal('clerk')
    with pytest.raises(ValidationFailed) as refused:
        board.ask(clerk, '   ', 'x' * 5000)
    assert refused.value.errors == {'title': 'กรุณากรอกหัวข้อคำถาม', 'body': 'รายละเอียดยาวเกิน 4,000 ตัวอักษร'}
    with pytest.raises(ValidationFailed):
        board.reply(clerk, 1, '\x00')
    with db.session_scope() as session:
        assert session.exec(select(func.count(BoardAnswer.id))).one() == 2  # the demo's only


def test_another_lao_never_sees_the_board() -> None:
    clerk = principal('clerk')
    qid = board.ask(clerk, 'คำถามภายใน อบต.')
    other = replace(clerk, org_id=clerk.org_id + 1)
    assert board.questions(other) == []
    with pytest.raises(NotFound):
        board.thread(other, qid)


def test_demo_board_has_an_accepted_answer() -> None:
    rows = board.questions(principal('mayor'))
    assert len(rows) == 2 and sum(r.accepted for r in rows) == 1
    assert survey.APPS  # the survey's systems are declared
