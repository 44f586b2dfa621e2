"""e-GP's contract export in: short Thai dates with two-digit BE years, "-" for blank, rows matched by e-GP project
number; preview then commit, the commit once per key and a repeat unchanged."""

from datetime import date

import pytest
from nicegui.elements.upload_files import SmallFileUpload
from nicegui.testing import User
from sqlmodel import select

from apps.egp.importer import import_egp, parse_short_date
from core import db
from core.errors import Denied, ValidationFailed
from helpers import principal, sign_in
from models.procurement import Contract, Procurement


@pytest.mark.parametrize(('text', 'expected'), [
    ('29 พ.ย. 67', date(2024, 11, 29)), ('๒๙ พ.ย. ๖๗', date(2024, 11, 29)), ('1 ม.ค. 70', date(2027, 1, 1)),
    ('29 พ.ย. 2567', date(2024, 11, 29)), ('29 พฤศจิกายน 2567', date(2024, 11, 29)),
    ('29/11/2567', date(2024, 11, 29)), ('29/11/67', date(2024, 11, 29)), ('-', None), ('', None), (None, None),
    (date(2024, 11, 29), date(2024, 11, 29)),
])
def test_short_thai_dates(text, expected) -> None:
    assert parse_short_date(text) == expected


@pytest.mark.parametrize('text', ['31 ก.พ. 67', '29 Nov 67', '29 พย 67x', '2024-11-29'])
def test_wrong_dates_say_why_in_thai(text) -> None:
    with pytest.raises(ValueError) as refused:
        parse_short_date(text)
    assert any('\u0e00' <= ch <= '\u0e7f' for ch in str(refused.value))


def _signed_contract() -> tuple[int, int]:
    with db.session_scope(write=True) as session:
        contract = session.exec(select(Contract).where(Contract.status == 'signed')).first()
        record = session.get(Procurement, contract.procurement_id)
        record.egp_project_no = '67119012345'
        session.add(record)
        return contract.id, record.id


def _csv(*rows: str) -> bytes:
    head = 'ลำดับ,เลขที่โครงการ,ชื่อโครงการ,เลขคุมสัญญา,วันที่ลงนามสัญญา,จำนวนเงินตามสัญญา'
    return '\n'.join([head, *rows]).encode('utf-8')


def test_preview_then_commit_matches_by_project_number() -> None:
    contract_id, _ = _signed_contract()
    actor = principal('procurement')
    with db.session_scope() as session:
        amount, version = session.get(Contract, contract_id).amount, session.get(Contract, contract_id).version
    content = _csv(f'1,67119012345,จ้างซ่อมแซม,671122334455,29 พ.ย. 67,"{amount:,.2f}"',
                   '2,67119099999,โครงการอื่น,-,-,-',
                   '3,6711,เลขสั้น,-,-,-',
                   '4,67119012345,ซ้ำแต่วันผิด,671122334455,31 ก.พ. 67,-')
    preview = import_egp(actor, content)
    actions = [(r.number, r.outcome) for r in preview.rows]
    assert actions == [(2, 'changed'), (3, 'refused'), (4, 'refused'), (5, 'refused')]
    assert preview.rows[0].changes['egp_contract_no'][1] == '671122334455'
    assert preview.rows[0].changes['signed_on'][1] == date(2024, 11, 29)
    assert 'ไม่พบแฟ้ม' in preview.rows[1].errors[0] and '11 หลัก' in preview.rows[2].errors[0]
    assert preview.rows[1].errors[0].startswith('คอลัมน์ "เลขที่โครงการ"')  # the column, as the file heads it
    assert 'ไม่มีวันนี้' in preview.rows[3].errors[0] and 'คอลัมน์ "วันที่ลงนามสัญญา"' in preview.rows[3].errors[0]
    assert preview.rows[1].cells['ชื่อโครงการ'] == 'โครงการอื่น' and preview.rows[1].cells['เลขคุมสัญญา'] is None
    with db.session_scope() as session:
        assert session.get(Contract, contract_id).egp_contract_no == ''  # a preview writes nothing
    done = import_egp(actor, content, commit=True, key='k1')
    assert done.imported == 1
    import_egp(actor, content, commit=True, key='k1')  # the same submission again: written once
    with db.session_scope() as session:
        contract = session.get(Contract, contract_id)
        assert (contract.egp_contract_no, contract.version) == ('671122334455', version + 1)
    again = import_egp(actor, content)
    assert again.rows[0].outcome == 'unchanged' and again.counts['changed'] == 0  # a re-import changes nothing
    assert import_egp(actor, content, commit=True, key='k2').imported == 0


def test_a_file_without_the_project_column_and_a_reader_are_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        import_egp(principal('procurement'), 'ชื่อ,วันที่\nก,-'.encode())
    assert 'เลขที่โครงการ' in refused.value.errors['file']
    with pytest.raises(Denied):
        import_egp(principal('auditor'), _csv())


async def test_the_import_page_previews_and_commits(user: User) -> None:
    contract_id, _ = _signed_contract()
    with db.session_scope() as session:
        amount = session.get(Contract, contract_id).amount
    await sign_in(user, 'procurement', expect='สวัสดี')
    await user.open('/egp/import')
    upload = user.find(marker='import-upload').elements.pop()
    content = _csv(f'1,67119012345,จ้างซ่อมแซม,671122334455,29 พ.ย. 67,"{amount:,.2f}"')
    await upload.handle_uploads([SmallFileUpload('egp.csv', 'text/csv', content)])
    await user.should_see(marker='import-preview', retries=100)
    await user.should_see('แก้ไข 1 แถว')
    await user.should_see('"671122334455"')
    user.find(marker='import-commit').click()
    await user.should_see(marker='import-done', retries=100)
    with db.session_scope() as session:
        assert session.get(Contract, contract_id).signed_on == date(2024, 11, 29)
