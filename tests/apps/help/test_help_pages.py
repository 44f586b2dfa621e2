"""The help pages through NiceGUI's User: the header's help button opens the page's manual section, the assistant
answers with its source or says it is not sure, the board's question → answer → accept."""

from nicegui.testing import User

from helpers import sign_in


async def test_help_button_opens_the_pages_section(user: User) -> None:
    await sign_in(user, 'cashier', expect='นายสมศักดิ์ คงมั่น')
    await user.open('/elaas/vouchers')
    user.find(marker='help-button').click()
    await user.should_see(marker='manual-section')
    await user.should_see('วางฎีกา')
    await user.open('/help/page?path=/info/villages')
    await user.should_see('ทะเบียนหมู่บ้าน')
    await user.open('/help/page?path=/nowhere/page')  # an address of no app with a manual: the manual's index
    await user.should_see(marker='manual-missing')


async def test_assistant_answers_with_its_source(user: User) -> None:
    await sign_in(user, 'clerk', expect='นางสาวสายใจ บุญมา')
    await user.open('/help/ask?q=ลาป่วยได้กี่วัน')
    await user.should_see('ลาป่วยได้รับเงินเดือนไม่เกิน 60 วันทำการ')
    await user.should_see('ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการลาของข้าราชการ')
    user.find(marker='assistant-question').clear().type('วันนี้ฝนจะตกไหม')
    user.find(marker='assistant-ask').click()
    await user.should_see(marker='assistant-unsure')
    await user.should_see(marker='assistant-post')


async def test_board_question_answer_accept(user: User) -> None:
    await sign_in(user, 'clerk', expect='นางสาวสายใจ บุญมา')
    await user.open('/help/board?new=ขอแบบฟอร์มขอใช้รถส่วนกลาง')
    user.find(marker='board-post').click()
    await user.should_see(marker='board-question')
    await user.should_see('ขอแบบฟอร์มขอใช้รถส่วนกลาง')
    user.find(marker='board-reply').type('ใช้แบบ 3 ในระเบียบการใช้รถ')
    user.find(marker='board-reply-send').click()
    await user.should_see(marker='board-accept-0')
    user.find(marker='board-accept-0').click()
    await user.should_see(marker='board-accepted')


async def test_survey_summary_charts_for_the_administrator(user: User) -> None:
    from nicegui import ui

    from apps.help import survey
    from helpers import principal
    survey.respond(principal('clerk'), 'eoffice', 4, 'ค้นหาช้า')
    survey.respond(principal('palad'), 'eoffice', 2)
    survey.respond(principal('cashier'), 'elaas', 5)
    await sign_in(user, 'admin', expect='นายกิตติ ศรีวงศ์')
    await user.open('/help/survey')
    await user.should_see(marker='survey-chart-spread')
    await user.should_see(marker='survey-chart-average')
    spread = user.find(marker='survey-chart-spread').elements.pop()
    counts = {(trace.name, x): int(y) for trace in spread.figure.data for x, y in zip(trace.x, trace.y, strict=True)}
    assert counts[('4 คะแนน', 'สารบรรณอิเล็กทรอนิกส์')] == 1 and counts[('2 คะแนน', 'สารบรรณอิเล็กทรอนิกส์')] == 1
    assert counts[('5 คะแนน', 'บัญชีและงบประมาณ')] == 1
    assert isinstance(spread, ui.plotly)
