"""The demo's letters read as a real อบต.'s: bodies in the official shape (ด้วย/ตามที่ … จึงเรียนมาเพื่อโปรด…), varied
subjects, and each sender's number in its office's style."""

import re

from sqlmodel import select

from core import db
from models.office import Document

STYLES = {  # sender -> its numbering (a circular carries ว)
    'กรมส่งเสริมการปกครองท้องถิ่น': r'มท 08\d\d\.\d/ว \d+',
    'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดนครราชสีมา': r'นม 0023\.\d/ว \d+',
    'ที่ว่าการอำเภอเมืองนครราชสีมา': r'นม 0318\.\d/\d+',
    'สำนักงานตรวจเงินแผ่นดินจังหวัดนครราชสีมา': r'ตผ 0034/\d+',
}


def _letters(register: str) -> list[Document]:
    with db.session_scope() as session:
        return list(session.exec(select(Document).where(Document.register_key == register,
                                                        Document.secrecy == 'normal')).all())


def test_letters_have_real_bodies_and_varied_subjects() -> None:
    for register in ('incoming', 'outgoing'):
        letters = [d for d in _letters(register) if d.kind == 'external' and not d.sender.startswith(('นาย', 'นาง'))]
        assert len({d.subject for d in letters}) >= 8, register
        for letter in letters:
            assert letter.body.startswith(('ด้วย', 'ตามที่')), letter.subject
            assert re.search(r'จึงเรียนมาเพื่อโปรด\S+', letter.body.splitlines()[-1]), letter.subject
            assert len(letter.body) > 150, letter.subject


def test_senders_number_their_letters_in_their_own_style() -> None:
    seen = set()
    for letter in _letters('incoming'):
        if letter.sender in STYLES:
            assert re.fullmatch(STYLES[letter.sender], letter.ref_no), (letter.sender, letter.ref_no)
            seen.add(letter.sender)
    assert seen == set(STYLES)
