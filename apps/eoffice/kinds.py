"""The official forms of the six kinds of หนังสือราชการ, as data: which register holds each, who signs it, and the
blocks its paper is printed from, top to bottom (apps/eoffice/reports.py draws each block once).

Source: ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526 and its amendments (ฉบับที่ 2 พ.ศ. 2548, ฉบับที่ 3
พ.ศ. 2560, ฉบับที่ 4 พ.ศ. 2564; REFERENCE §1 'Correspondence' and §7), หมวด 1 ชนิดของหนังสือ, and the forms appended to it.
The amendments change the electronic handling and the registers, not the clause numbers of หมวด 1 nor the forms
below. Clause by clause (ข้อ 10, 11, 12, 15, 16, 25, 71, 75–77 and แบบที่ 1–4, 7, 11, 15, 28, 29 read in the published
text, see the sources at the end; ข้อ 17–24 follow in the regulation's order between them):
ข้อ 10 the six kinds; ข้อ 11 หนังสือภายนอก, แบบที่ 1; ข้อ 12 หนังสือภายใน (กระดาษบันทึกข้อความ), แบบที่ 2; ข้อ 13
หนังสือประทับตรา, แบบที่ 3, and ข้อ 14 the matters it may be used for; ข้อ 15 หนังสือสั่งการ (three kinds), ข้อ 16
คำสั่ง แบบที่ 4, ข้อ 17 ระเบียบ แบบที่ 5, ข้อ 18 ข้อบังคับ แบบที่ 6; ข้อ 19 หนังสือประชาสัมพันธ์ (three kinds), ข้อ 20
ประกาศ แบบที่ 7, ข้อ 21 แถลงการณ์ แบบที่ 8, ข้อ 22 ข่าว แบบที่ 9; ข้อ 23 หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็น
หลักฐานในราชการ (four kinds), ข้อ 24 หนังสือรับรอง แบบที่ 10, ข้อ 25 รายงานการประชุม แบบที่ 11 (ครั้งที่, เมื่อ, ณ,
ผู้มาประชุม, ผู้ไม่มาประชุม, ผู้เข้าร่วมประชุม, เริ่มประชุมเวลา, ข้อความ, เลิกประชุมเวลา, ผู้จดรายงานการประชุม).
Urgency (ชั้นความเร็ว ด่วนที่สุด / ด่วนมาก / ด่วน, in the regulation's บทเบ็ดเตล็ด): red letters not smaller than
32 pt on the letter and its envelope, as the forms แบบที่ 1–3 and the envelope แบบที่ 15 show; a letter that must
reach its addressee by a set time is marked "ด่วนภายใน" with that day and time. Secrecy (ลับ / ลับมาก / ลับที่สุด):
top and bottom centre of every page (ระเบียบว่าด้วยการรักษาความลับของทางราชการ พ.ศ. 2544). The ครุฑ (ข้อ 71: 71.1
3 cm, 71.2 1.5 cm high): 3 cm centred at the top of the กระดาษตราครุฑ (ข้อ 75, แบบที่ 28), 1.5 cm at the top left of
the กระดาษบันทึกข้อความ (ข้อ 76, แบบที่ 29) and of the envelope (ซองหนังสือ, ข้อ 77).
Sources read (2026-12): the regulation's text as published by กรมทางหลวง (doh.go.th …/saraban.htm) and คณะ
แพทยศาสตร์ มช. (med.cmu.ac.th …/unit1.html, section2.html); ข้อ 16 and แบบที่ 4 in สำนักงานเลขาธิการกองทัพบก's
"งานสารบรรณ" handbook; ข้อ 25 and แบบที่ 11 (blog.msu.ac.th ?p=3536); ข้อ 75–77 with แบบที่ 28–29 (มทร.พระนคร
e-book 7-4edoc p. 170); ชั้นความเร็ว, ด่วนภายใน and แบบที่ 15. An earlier note cited the urgency to a numbered
clause from memory; no clause number is cited for it now.

Blocks: garuda, ref_address (ที่ left, the LAO's address right), date (centre-right), memo_head (ส่วนราชการ / ที่ +
วันที่ on one line / เรื่อง), heading (a centred title such as "คำสั่งองค์การบริหารส่วนตำบล…"), number (ที่ n/ปี
centred), subject_centred (เรื่อง centred, under a heading), subject, salutation (เรียน), references (อ้างถึง),
enclosures (สิ่งที่ส่งมาด้วย), body, effective (ทั้งนี้ ตั้งแต่…), given_at (สั่ง/ประกาศ/ให้ไว้ ณ วันที่ …), closing
(ขอแสดงความนับถือ), signature, stamp (the stamp of the LAO in place of a signature, initialled), owner (ส่วนราชการ
เจ้าของเรื่อง, โทร.), meeting_head (ครั้งที่ / เมื่อ / ณ), attendance (ผู้มาประชุม / ผู้ไม่มาประชุม / ผู้เข้าร่วมประชุม, เริ่มประชุม
เวลา), agenda (the items, เลิกประชุมเวลา), recorder (ผู้จดรายงานการประชุม, then ผู้ตรวจรายงานการประชุม).
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
         ('heading', 'meeting_head', 'attendance', 'body', 'agenda', 'recorder'), signer=WRITER, garuda_mm=0,
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
