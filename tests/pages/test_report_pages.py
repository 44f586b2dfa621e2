"""The generic report page (pages/reports.py): the declared parameters as widgets, the content following them, the
downloads, the app's index and a refused parameter."""

from io import BytesIO

from nicegui.testing import User
from openpyxl import load_workbook

from core.report import reports_of
from helpers import principal, sign_in


async def test_a_report_page_shows_its_parameters_and_follows_them(user: User) -> None:
    await sign_in(user, 'accountant', expect='สวัสดี')
    await user.open('/elaas/reports/ledger')
    await user.should_see(marker='report-subtitle', content='บัญชี 1101010101.001 เงินสดในมือ', retries=100)
    await user.should_see(marker='report-fy')
    await user.should_not_see(marker='report-date')  # the cash book's parameter, not the ledger's
    cash = user.find(marker='report-table').elements.pop().rows
    user.find(marker='report-account').elements.pop().value = '5104010104.001'
    await user.should_see(marker='report-subtitle', content='บัญชี 5104010104.001', retries=100)
    rows = user.find(marker='report-table').elements.pop().rows
    assert rows and rows != cash
    user.find(marker='report-xlsx').click()
    sheet = load_workbook(BytesIO((await user.download.next(timeout=10)).content)).active
    assert sheet['A1'].value.startswith('บัญชีแยกประเภท — บัญชี 5104010104.001')
    assert sheet.max_row == len(rows) + 3  # title, blank, heading


async def test_a_fiscal_year_typed_in_changes_the_e_plan_report(user: User) -> None:
    await sign_in(user, 'planner', expect='สวัสดี')
    await user.open('/eplan/reports/monitoring?year=2569')
    await user.should_see(marker='report-subtitle', content='ปีงบประมาณ พ.ศ. 2569', retries=100)
    assert user.find(marker='report-year').elements.pop().value == 2569
    user.find(marker='report-year').elements.pop().value = 2570
    await user.should_see(marker='report-subtitle', content='ปีงบประมาณ พ.ศ. 2570', retries=100)
    user.find(marker='report-pdf').click()
    assert (await user.download.next(timeout=30)).content.startswith(b'%PDF')


async def test_a_date_that_cannot_be_read_is_refused_on_the_page(user: User) -> None:
    await sign_in(user, 'finance_dir', expect='สวัสดี')
    await user.open('/elaas/reports/cash-book')
    await user.should_see(marker='report-table', retries=100)
    user.find(marker='report-date').elements.pop().value = '31/02/2569'
    await user.should_see(marker='report-refused', retries=100)
    await user.should_see('วันที่ (วว/ดด/ปปปป พ.ศ.): ')
    await user.should_not_see(marker='report-table')


async def test_the_app_index_lists_its_reports(user: User) -> None:
    await sign_in(user, 'finance_dir', expect='สวัสดี')
    await user.open('/elaas/reports')
    for report in reports_of('elaas', principal('finance_dir')):
        await user.should_see(marker=f'report-link-{report.key}', retries=50)
        await user.should_see(report.help)
