"""The official forms of the six kinds of หนังสือราชการ, as data: which register holds each, who signs it, and the
blocks its paper is printed from, top to bottom (apps/eoffice/reports.py draws each block once).

Source: ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526 (แก้ไขเพิ่มเติม 2548, 2560, 2564), หมวด 1 ชนิดของหนังสือ
(ข้อ 10: six kinds; clause numbers below as in the 2526 text) and the forms appended to it (แบบที่ 1–11). Urgency
(ชั้นความเร็ว ด่วนที่สุด / ด่วนมาก / ด่วน): red letters not smaller than 32 pt on the letter and its envelope, as
the forms แบบที่ 1–3 and 15 show. Secrecy (ลับ / ลับมาก / ลับที่สุด): top and bottom centre of every page
(ระเบียบว่าด้วยการรักษาความลับของทางราชการ พ.ศ. 2544). The ครุฑ (ข้อ 71): 3 cm high centred at the top of the
กระดาษตราครุฑ (ข้อ 75), 1.5 cm at the top left of the กระดาษบันทึกข้อความ (ข้อ 76).

Blocks: garuda, ref_address (ที่ left, the LAO's address right), date (centre-right), memo_head (ส่วนราชการ / ที่ +
วันที่ on one line / เรื่อง), heading (a centred title such as "คำสั่งองค์การบริหารส่วนตำบล…"), number (ที่ n/ปี
centred), subject_centred (เรื่อง centred, under a heading), subject, salutation (เรียน), references (อ้างถึง),
enclosures (สิ่งที่ส่งมาด้วย), body, effective (ทั้งนี้ ตั้งแต่…), given_at (สั่ง/ประกาศ/ให้ไว้ ณ วันที่ …), closing
(ขอแสดงความนับถือ), signature, stamp (the stamp of the LAO in place of a signature, initialled), owner (ส่วนราชการ
เจ้าของเรื่อง, โทร.), meeting_head (ครั้งที่ / เมื่อ), recorder (ผู้จดรายงานการประชุม).
"""

from dataclasses import dataclass

# who signs: 'executive' (the นายก, or the holder of a delegation order of eoffice.doc.order in force reaching the
# letter's division), 'division_head' (the head of the letter's division), 'writer' (whoever wrote it)
EXECUTIVE, DIVISION_HEAD, WRITER = 'executive', 'division_head', 'writer'


@dataclass(frozen=True)
class Form:
    key: str
    title: str  # the form's Thai name
    kind: str  # one of registers.KINDS (the six kinds)
    register: str  # the register that numbers it
    clause: str  # where the ระเบียบ defines it
    blocks: tuple[str, ...]
    signer: str = EXECUTIVE
    garuda_mm: int = 30  # 0: none
    heading: str = ''  # the centred title; {org} is the LAO's name, {subject} the subject
    salutation: str = 'เรียน'  # the word before the addressee, where the blocks have one
    number_label: str = 'ที่'  # before the number in the 'number' block (แถลงการณ์ and ข่าว: ฉบับที่)


LETTER = ('garuda', 'ref_address', 'date', 'subject', 'salutation', 'references', 'enclosures', 'body', 'closing',
          'signature', 'owner')
DIRECTIVE = ('garuda', 'heading', 'number', 'subject_centred', 'body', 'effective', 'given_at', 'signature')
PUBLICITY = ('garuda', 'heading', 'subject_centred', 'body', 'given_at', 'signature')

FORMS = {form.key: form for form in (
    Form('external', 'หนังสือภายนอก', 'external', 'outgoing', 'ข้อ 11 (แบบที่ 1)', LETTER),
    Form('stamped', 'หนังสือประทับตรา', 'stamped', 'outgoing', 'ข้อ 13–14 (แบบที่ 3)',
         ('garuda', 'ref_address', 'salutation', 'body', 'stamp', 'date', 'owner'), signer=DIVISION_HEAD,
         salutation='ถึง'),
    Form('memo', 'บันทึกข้อความ', 'internal', 'memo', 'ข้อ 12 (แบบที่ 2)',
         ('garuda', 'memo_head', 'salutation', 'body', 'signature'), signer=DIVISION_HEAD, garuda_mm=15,
         heading='บันทึกข้อความ'),
    Form('order', 'คำสั่ง', 'directive', 'order', 'ข้อ 16 (แบบที่ 4)', DIRECTIVE, heading='คำสั่ง{org}'),
    Form('regulation', 'ระเบียบ', 'directive', 'order', 'ข้อ 17 (แบบที่ 5)', DIRECTIVE, heading='ระเบียบ{org}'),
    Form('bylaw', 'ข้อบังคับ', 'directive', 'order', 'ข้อ 18 (แบบที่ 6)', DIRECTIVE, heading='ข้อบังคับ{org}'),
    Form('announcement', 'ประกาศ', 'publicity', 'announcement', 'ข้อ 20 (แบบที่ 7)', PUBLICITY,
         heading='ประกาศ{org}'),
    Form('statement', 'แถลงการณ์', 'publicity', 'announcement', 'ข้อ 21 (แบบที่ 8)',
         ('garuda', 'heading', 'subject_centred', 'number', 'body', 'signature', 'date'), heading='แถลงการณ์{org}',
         number_label='ฉบับที่'),
    Form('news', 'ข่าว', 'publicity', 'announcement', 'ข้อ 22 (แบบที่ 9)',
         ('heading', 'subject_centred', 'number', 'body', 'signature', 'date'), garuda_mm=0, heading='ข่าว{org}',
         number_label='ฉบับที่'),
    Form('certificate', 'หนังสือรับรอง', 'evidence', 'evidence', 'ข้อ 24 (แบบที่ 10)',
         ('garuda', 'ref_address', 'heading', 'body', 'given_at', 'signature'), heading='หนังสือรับรอง'),
    Form('minutes', 'รายงานการประชุม', 'evidence', 'evidence', 'ข้อ 25 (แบบที่ 11)',
         ('heading', 'meeting_head', 'body', 'recorder'), signer=WRITER, garuda_mm=0,
         heading='รายงานการประชุม{subject}'),
)}

GIVEN_AT = {'directive': 'สั่ง ณ วันที่', 'publicity': 'ประกาศ ณ วันที่', 'evidence': 'ให้ไว้ ณ วันที่'}
USUAL_FORM = {'incoming': 'external', 'outgoing': 'external', 'memo': 'memo', 'order': 'order',
              'announcement': 'announcement', 'evidence': 'certificate'}


def forms_of(register_key: str) -> dict[str, str]:
    """The forms a register holds: key -> Thai title."""
    return {f.key: f.title for f in FORMS.values() if f.register == register_key}


def form_of(document) -> Form:
    """The document's form (its register's usual one when not chosen)."""
    return FORMS.get(document.form) or FORMS[USUAL_FORM.get(document.register_key, 'external')]
