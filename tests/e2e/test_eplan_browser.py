"""e-Plan in a real browser: the planner adds a project to a new amendment and submits it, the ปลัด reviews, the นายก
approves, and the project appears in ผ.02."""

import re

import pytest
from playwright.sync_api import Page, expect
from test_shell_browser import SCREENSHOTS, as_persona, choose

pytestmark = pytest.mark.e2e

PROJECT = 'โครงการก่อสร้างลานกีฬาเบราว์เซอร์ หมู่ที่ 6'




def test_plan_amendment_from_draft_to_approval_and_p02(page: Page, new_context) -> None:
    as_persona(page, 'planner')
    page.goto('/eplan/editions/new')
    page.get_by_label('เหตุผลความจำเป็น').fill('เพิ่มโครงการลานกีฬาตามประชาคม')
    page.get_by_role('button', name='บันทึก').click()
    expect(page.get_by_text('การเปลี่ยนแปลงของฉบับนี้')).to_be_visible()
    edition_url = page.url
    assert re.search(r'/eplan/editions/\d+$', edition_url)

    page.goto('/eplan/projects/new')
    choose(page, 'ยุทธศาสตร์/กลยุทธ์ *', 'กลยุทธ์ 3.2')
    choose(page, 'แผนงาน *', 'แผนงานการศาสนาวัฒนธรรมและนันทนาการ')
    choose(page, 'หน่วยงานรับผิดชอบหลัก *', 'กองช่าง')
    choose(page, 'แหล่งเงิน *', 'เงินงบประมาณ')
    page.get_by_label('ชื่อโครงการ *').fill(PROJECT)
    page.get_by_label('วัตถุประสงค์ *').fill('เพื่อให้เยาวชนมีสถานที่เล่นกีฬา')
    page.get_by_label('เป้าหมาย (ผลผลิตของโครงการ) *').fill('ลานกีฬา 1 แห่ง')
    page.get_by_label('งบประมาณปีที่ 5 (บาท)').fill('450,000')
    page.get_by_label('ตัวชี้วัด (KPI) *').fill('ร้อยละของเยาวชนที่ใช้ลานกีฬา')
    page.get_by_label('ผลที่คาดว่าจะได้รับ *').fill('เยาวชนห่างไกลยาเสพติด')
    page.get_by_role('button', name='บันทึก').click()
    expect(page.get_by_text('การเงินและความก้าวหน้า')).to_be_visible()

    page.goto(edition_url)
    expect(page.get_by_text(f'+ {PROJECT}')).to_be_visible()
    page.get_by_role('button', name='เสนอคณะกรรมการ/ปลัดพิจารณา').click()
    expect(page.get_by_text('เสนอพิจารณา', exact=True)).to_be_visible()

    palad = new_context().new_page()
    as_persona(palad, 'palad')
    palad.goto(edition_url)
    palad.get_by_role('button', name='ผ่านการพิจารณา').click()
    expect(palad.get_by_text('ผ่านการพิจารณา', exact=True)).to_be_visible()

    mayor = new_context().new_page()
    as_persona(mayor, 'mayor')
    mayor.goto(edition_url)
    mayor.get_by_role('button', name='อนุมัติแผน').click()
    expect(mayor.get_by_text('ผู้บริหารอนุมัติแล้ว', exact=True)).to_be_visible()

    mayor.goto('/eplan/reports?report=p02')
    expect(mayor.get_by_role('cell', name=PROJECT)).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    mayor.screenshot(path=SCREENSHOTS / 'eplan-p02.png', full_page=False)
    mayor.goto('/eplan')
    expect(mayor.get_by_text('ผู้บริหารอนุมัติแล้ว', exact=False)).to_be_visible()
    expect(mayor.locator('.js-plotly-plot')).to_have_count(2)  # budget per strategy per year; progress
    expect(mayor.locator('.js-plotly-plot .main-svg').first).to_be_visible()
    mayor.screenshot(path=SCREENSHOTS / 'eplan-front.png', full_page=True)
