"""The assistant on the held-out part of its evaluation set (deterministic: ranks, no timing), its citations, its
"not sure", and that it answers with its sources' text only."""

from apps.help import assistant
from bench.assistant import cases, evaluate


def test_held_out_questions_meet_the_goal() -> None:
    held_out = [c for c in cases() if c.held_out]
    assert len(cases()) >= 200 and len(held_out) >= 60
    result = evaluate(held_out, assistant.Index(assistant.base_sources()))
    assert result['recall_at_3'] >= 0.90, result['misses']
    assert result['recall_at_1'] >= 0.80, result['misses']
    assert result['not_sure_recall'] >= 0.8  # out-of-scope questions get "not sure"


def test_every_card_and_section_is_cited_and_linked() -> None:
    assert len(assistant.cards()) >= 60
    for source in assistant.base_sources():
        assert source.link.startswith('/help/'), source.key
        assert source.text.strip(), source.key
        if source.kind == 'card' and source.key.split(':')[1].startswith('rule-'):
            assert source.cite, f'{source.key}: a rule card names its regulation'


def test_an_answer_is_its_source_word_for_word() -> None:
    found = assistant.answer('ลาป่วยได้ปีละกี่วันคะ')
    assert found.sure
    best = found.best.source
    assert best.key == 'card:rule-sick-leave'
    card = next(c for c in assistant.cards() if c.key == best.key)
    assert best.text == card.text and 'ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการลา' in best.cite


def test_a_typo_still_finds_its_answer() -> None:
    found = assistant.answer('ลืมรหสผ่าน')
    assert found.best.source.answers & {'card:forgot-password', 'manual:general/02-password#1'}


def test_out_of_scope_is_not_sure() -> None:
    for question in ('สูตรต้มยำกุ้ง', 'วันนี้ฝนจะตกไหม', 'ดูดวงประจำวัน', '', '   '):
        assert not assistant.answer(question).sure


def test_board_answers_join_the_index() -> None:
    extra = assistant.Source('board:9', 'board', 'elaas', 'ฎีกาค่าน้ำประปาแนบอะไร', 'แนบใบแจ้งหนี้ค่าน้ำประปา',
                             '/help/board/9', 'กระดานถาม-ตอบ')
    assert assistant.answer('ฎีกาค่าน้ำประปาต้องแนบอะไร', (extra,)).best.source.key == 'board:9'
    assert all(h.source.key != 'board:9' for h in assistant.answer('ฎีกาค่าน้ำประปาต้องแนบอะไร').hits)
