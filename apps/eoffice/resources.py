"""e-Office registers, declared: one Resource per register over the documents table, and one over all of them."""

from apps.eoffice import kinds, registers
from apps.eoffice.reports import render_letter
from apps.eoffice.signing import SIGNING
from core.resource import FormField, Ref, Resource, Rules
from models.office import Document
from models.org import Division

STATUS = FormField('status', 'สถานะ', 'select', choices=registers.STATUSES, display_only=True)
NUMBER = FormField('number_text', 'เลขที่', display_only=True)
REGISTER = FormField('register_key', 'ทะเบียน', 'select', required=True, choices=registers.REGISTERS)
SIGNATURE = (FormField('signer_name', 'ผู้ลงนาม', display_only=True),  # stored when signed (apps/eoffice/signing.py)
             FormField('signer_position', 'ตำแหน่งผู้ลงนาม', display_only=True),
             FormField('signer_capacity', 'ฐานะผู้ลงนาม', display_only=True),
             FormField('signed_under', 'ลงนามตามคำสั่ง', display_only=True))

# รายงานการประชุม (แบบที่ 11 ท้ายระเบียบงานสารบรรณ): asked on the evidence register, required for the minutes form
_MINUTES_ONLY = 'เฉพาะรายงานการประชุม'
MINUTES = (FormField('meeting_place', 'สถานที่ประชุม (ณ)', max_length=300, help=_MINUTES_ONLY),
           FormField('meeting_start', 'เริ่มประชุมเวลา', max_length=5, help=f'{_MINUTES_ONLY} เช่น 09.30'),
           FormField('meeting_end', 'เลิกประชุมเวลา', max_length=5, help=f'{_MINUTES_ONLY} เช่น 12.00'),
           FormField('attendees', 'ผู้มาประชุม', 'textarea', max_length=8000,
                     help=f'{_MINUTES_ONLY}: บรรทัดละหนึ่งคน ชื่อ แล้วตำแหน่ง (ผู้มาประชุมแทน: ระบุว่าประชุมแทนผู้ใด)'),
           FormField('absentees', 'ผู้ไม่มาประชุม', 'textarea', max_length=4000,
                     help=f'{_MINUTES_ONLY}: บรรทัดละหนึ่งคน ชื่อ ตำแหน่ง และเหตุผล (ถ้ามี)'),
           FormField('participants', 'ผู้เข้าร่วมประชุม', 'textarea', max_length=4000,
                     help=f'{_MINUTES_ONLY}: ผู้ที่มิได้เป็นองค์ประชุม บรรทัดละหนึ่งคน'),
           FormField('agenda', 'ระเบียบวาระการประชุม', 'textarea', max_length=20000,
                     help=f'{_MINUTES_ONLY}: เว้นหนึ่งบรรทัดระหว่างวาระ บรรทัดแรกของแต่ละวาระคือชื่อวาระ '
                          'บรรทัดถัดไปคือข้อความและมติ'),
           FormField('checker_name', 'ผู้ตรวจรายงานการประชุม', max_length=200, help=_MINUTES_ONLY),
           FormField('checker_position', 'ตำแหน่งผู้ตรวจรายงานการประชุม', max_length=300, help=_MINUTES_ONLY))


def _fields(register_key: str | None) -> list[FormField]:
    incoming = register_key == 'incoming'
    outgoing = register_key not in (None, 'incoming')  # drafted here, signed, then numbered when issued
    fields = [
        NUMBER,
        FormField('form', 'แบบหนังสือ', 'select', choices=kinds.forms_of(register_key),
                  default=kinds.USUAL_FORM[register_key]) if outgoing else
        FormField('kind', 'ชนิดหนังสือ', 'select', required=True, choices=registers.KINDS,
                  default=registers.DEFAULT_KIND.get(register_key, 'external')),
        FormField('doc_date', 'ลงวันที่', 'date', required=True,
                  help='วันที่ออกหนังสือ: เมื่อออกเลขจะลงเป็นวันที่ออกเลข' if outgoing else ''),
        FormField('division_id', 'ส่วนราชการเจ้าของเรื่อง', 'ref', ref=Ref(Division),
                  help='ผู้ลงนามตามคำสั่งมอบอำนาจของส่วนราชการนี้ (ว่างไว้: ส่วนราชการของผู้ร่าง)') if outgoing else None,
        FormField('ref_no', 'ที่ (เลขที่หนังสือของผู้ส่ง)') if incoming else None,
        FormField('sender', 'จาก', required=incoming),
        FormField('recipient', 'ถึง/เรียน', required=register_key in ('outgoing', 'memo')),
        FormField('recipient_address', 'ที่อยู่ผู้รับ (จ่าหน้าซอง)', 'textarea', max_length=1000,
                  help='หน่วยงาน เลขที่ ถนน ตำบล อำเภอ จังหวัด รหัสไปรษณีย์') if register_key == 'outgoing' else None,
        FormField('subject', 'เรื่อง', required=True),
        FormField('body', 'สาระสำคัญ/เนื้อความ', 'textarea'),
        FormField('enclosures', 'สิ่งที่ส่งมาด้วย'),
        FormField('effective_date', 'ทั้งนี้ ตั้งแต่วันที่', 'date') if register_key == 'order' else None,
        FormField('urgency', 'ชั้นความเร็ว', 'select', required=True, choices=registers.URGENCY, default='normal'),
        FormField('urgent_date', 'ด่วนภายในวันที่', 'date', help='เฉพาะหนังสือด่วนภายใน: วันที่ต้องถึงผู้รับ'),
        FormField('urgent_time', 'ด่วนภายในเวลา', max_length=5, help='เช่น 10.00'),
        *(MINUTES if register_key == 'evidence' else ()),
        FormField('secrecy', 'ชั้นความลับ', 'select', required=True, choices=registers.SECRECY, default='normal',
                  help='หนังสือลับ: เห็นได้เฉพาะผู้ที่หนังสือส่งถึงและผู้มีสิทธิ์ชั้นความลับ'),
        FormField('is_public', 'เผยแพร่บนเว็บไซต์ของ อปท.', 'bool',
                  help='ประกาศที่ออกเลขแล้วจะแสดงที่หน้าเว็บไซต์สาธารณะ (/public) ประกาศชั้นลับไม่เผยแพร่ไม่ว่ากรณีใด'
                  ) if register_key == 'announcement' else None,
        STATUS,
        *(SIGNATURE if outgoing else ()),
    ]
    if register_key is None:
        fields.insert(0, REGISTER)
    return [f for f in fields if f is not None]


class DocumentRules(Rules):
    """Letters: seen by the role's scope plus whoever they are routed to (secret ones only by those and the cleared);
    incoming ones numbered on registration, outgoing ones when issued after signing; signed, closed and cancelled
    ones stay as they were."""

    def __init__(self, register_key: str) -> None:
        self.register_key = register_key

    def visible(self, actor, model, permission):
        return registers.visibility(actor)

    def before_write(self, session, actor, values, record):
        return values if record is None else registers.reindexed(session, actor, record, values)

    def create(self, session, actor, values):
        return registers.new_document(session, actor, self.register_key, values)

    locked = staticmethod(registers.closed_document)


def _register(key: str | None, title: str, title_plural: str, columns: list[str], help_text: str) -> Resource:
    return Resource(
        app='eoffice', key=key or 'documents', model=Document, title=title, title_plural=title_plural,
        fields=_fields(key), columns=columns, view=registers.VIEW, edit=registers.REGISTER, label='heading',
        search=['search_text'], thai_search=True, filters=(['register_key'] if key is None else [])
        + ['urgency', 'secrecy', 'status'], date_filter='doc_date', sort='id', sort_descending=True,
        fixed={'register_key': key} if key else {}, rules=DocumentRules(key or ''), attachments=True, pdf=True,
        audit_reads=registers.is_secret, importable=False, grows=True,
        workflow=SIGNING if key not in (None, 'incoming') else None,
        print_form=_print if key not in (None, 'incoming') else None,
        help=help_text,
    )


def _print(document, actor) -> bytes:
    return render_letter(document, thai_digits=True)


COMMON = ['number_text', 'doc_date', 'subject', 'urgency', 'status']
INCOMING = _register('incoming', 'หนังสือรับ', 'ทะเบียนหนังสือรับ',
                     ['number_text', 'doc_date', 'ref_no', 'sender', 'subject', 'urgency', 'status'],
                     'ลงรับหนังสือ เลขรับเรียงตามปีปฏิทิน แล้วเสนอผู้บริหารเกษียนสั่งการ')
OUTGOING = _register('outgoing', 'หนังสือส่ง', 'ทะเบียนหนังสือส่ง',
                     ['number_text', 'doc_date', 'recipient', 'subject', 'urgency', 'status'],
                     'หนังสือภายนอกและหนังสือประทับตรา: ร่าง → เสนอลงนาม → ลงนาม → ออกเลข (ที่ ... /เลขทะเบียนส่ง '
                     'เรียงตามปีปฏิทิน) → ส่ง พิมพ์หนังสือตามแบบราชการ')
MEMO = _register('memo', 'บันทึกข้อความ', 'ทะเบียนบันทึกข้อความ',
                 ['number_text', 'doc_date', 'recipient', 'subject', 'urgency', 'status'],
                 'หนังสือภายใน (บันทึกข้อความ) ระหว่างส่วนราชการ')
ORDERS = _register('order', 'คำสั่ง', 'ทะเบียนคำสั่ง', COMMON,
                 'คำสั่ง ระเบียบ และข้อบังคับของ อปท. เลขที่ n/พ.ศ. เริ่มใหม่ทุกปี')
ANNOUNCEMENTS = _register('announcement', 'ประกาศ', 'ทะเบียนประกาศ', COMMON,
                          'ประกาศ แถลงการณ์ และข่าวของ อปท. เลขที่ n/พ.ศ. เริ่มใหม่ทุกปี')
EVIDENCE = _register('evidence', 'หนังสือรับรอง/รายงานการประชุม', 'ทะเบียนหนังสือรับรองและรายงานการประชุม', COMMON,
                     'หนังสือที่เจ้าหน้าที่ทำขึ้นเป็นหลักฐาน: หนังสือรับรอง และรายงานการประชุม')
DOCUMENTS = _register(None, 'หนังสือ', 'ค้นหาหนังสือทุกทะเบียน',
                      ['register_key', 'number_text', 'doc_date', 'sender', 'recipient', 'subject', 'urgency',
                       'status'],
                      'ค้นหาด้วยคำภาษาไทยจากเรื่อง เนื้อความ ผู้ส่ง ผู้รับ หรือเลขที่ กรองตามทะเบียน ช่วงวันที่ '
                      'ชั้นความเร็ว และสถานะ')
RESOURCES = [INCOMING, OUTGOING, MEMO, ORDERS, ANNOUNCEMENTS, EVIDENCE, DOCUMENTS]
