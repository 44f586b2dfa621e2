"""The kit's import dialog: a file previews as new / changed / unchanged / refused; a value matched by no option is
mapped once in the dialog, and the next check applies it."""

from io import BytesIO

from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from openpyxl import Workbook, load_workbook
from sqlmodel import select, update

from core import db
from helpers import sign_in
from models.finance import Budget, BudgetLine
from models.info import Village
from tests.core.test_lookups import budget_sheet, line

XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'


async def test_an_officer_maps_an_unknown_division_previews_and_commits(user: User) -> None:
    with db.session_scope(write=True) as session:
        session.exec(update(Budget).values(status='draft'))
    content = budget_sheet([line(), line(**{'รายการ/โครงการ': 'ค่าวัสดุก่อสร้าง', 'ประเภทรายจ่าย': 'วัสดุก่อสร้าง',
                                            'หน่วยงานเจ้าของงบ': 'สำนักช่าง'})])
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/elaas/budget-lines')
    user.find(marker='list-import').click()
    upload = user.find(marker='import-upload').elements.pop()
    await upload.handle_uploads([SmallFileUpload('budget.xlsx', XLSX, content)])
    await user.should_see('ใหม่ 1 แถว · แก้ไข 0 แถว · ไม่เปลี่ยนแปลง 0 แถว · ไม่ผ่าน 1 แถว', retries=100)
    await user.should_see('ไม่พบ "สำนักช่าง" ในรายการ (ใกล้เคียง: "กองช่าง", "สำนักปลัด")')
    await user.should_see('"เงินงบประมาณ" → "เงินงบประมาณ (ข้อบัญญัติ/เทศบัญญัติ)"')
    await user.should_see('ดาวน์โหลดแถวที่ไม่ผ่าน 1 แถว (.xlsx)')
    user.find(marker='import-refused-download').click()
    refused = load_workbook(BytesIO((await user.download.next(timeout=10)).content)).active
    assert refused['A2'].value.startswith('หน่วยงานเจ้าของงบ: ไม่พบ "สำนักช่าง"')
    choice = user.find(marker='import-map-division_id').elements.pop()
    assert list(choice.options)[0] == next(k for k, v in choice.options.items() if v == 'กองช่าง')  # closest first
    choice.value = list(choice.options)[0]
    user.find(marker='import-map-save').click()
    await user.should_see('ใหม่ 2 แถว · แก้ไข 0 แถว · ไม่เปลี่ยนแปลง 0 แถว · ไม่ผ่าน 0 แถว', retries=100)
    user.find(marker='import-confirm').click()
    await user.should_see('บันทึกแล้ว 2 แถว', retries=100)
    with db.session_scope() as session:
        assert session.exec(select(BudgetLine).where(BudgetLine.item == 'ค่าวัสดุก่อสร้าง')).one().division_id == \
            choice.value


async def test_an_officer_maps_a_column_the_file_heads_otherwise(user: User) -> None:
    book = Workbook()
    book.active.append(['หมู่ที่', 'ชื่อหมู่บ้าน', 'ประชากร (คน)'])
    book.active.append([11, 'บ้านนาดี', 160])
    out = BytesIO()
    book.save(out)
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/info/villages')
    user.find(marker='list-import').click()
    upload = user.find(marker='import-upload').elements.pop()
    await upload.handle_uploads([SmallFileUpload('villages.xlsx', XLSX, out.getvalue())])
    await user.should_see('คอลัมน์ในไฟล์ 3 คอลัมน์ (ไม่ได้ใช้ 1)', retries=100)
    await user.should_see('ใหม่ 1 แถว', retries=100)
    column = next(e for e in user.find(marker='import-column').elements if e.props['label'] == '"ประชากร (คน)" คือ')
    column.value = 'population'
    user.find(marker='import-columns-save').click()
    await user.should_not_see('คอลัมน์ในไฟล์ 3 คอลัมน์ (ไม่ได้ใช้ 1)', retries=100)  # checked again: all 3 used
    await user.should_see('ใหม่ 1 แถว', retries=100)
    user.find(marker='import-confirm').click()
    await user.should_see('บันทึกแล้ว 1 แถว', retries=100)
    with db.session_scope() as session:
        assert session.exec(select(Village.population).where(Village.number == 11)).one() == 160
