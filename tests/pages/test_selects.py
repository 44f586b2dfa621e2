"""pages/selects.py: a long list (the chart of accounts) is searched on the server; the browser gets a short one."""

from nicegui.testing import User

from helpers import sign_in
from pages.selects import SHOWN, LongSelect, _matching


def test_a_search_finds_beyond_the_first_shown_and_keeps_the_chosen() -> None:
    choices = {f'{i:04d}': f'{i:04d} บัญชีที่ {i}' for i in range(900)}
    assert list(_matching(choices, '', None)) == [f'{i:04d}' for i in range(SHOWN)]
    assert list(_matching(choices, '0812', None)) == ['0812']
    assert list(_matching(choices, '081', '0005')) == ['0005', *[v for v, label in choices.items() if '081' in label]]
    assert _matching(choices, 'ไม่มี', None) == {}
    assert len(_matching(choices, 'บัญชี', None)) == SHOWN


async def test_the_ledger_s_account_picker_sends_few_options_and_searches_the_whole_chart(user: User) -> None:
    await sign_in(user, 'accountant', expect='สวัสดี')
    await user.open('/elaas/reports/ledger')
    await user.should_see(marker='report-subtitle', content='บัญชี 1101010101.001', retries=100)
    picker = user.find(marker='report-account').elements.pop()
    assert isinstance(picker, LongSelect) and len(picker.choices) > 500
    assert len(picker.props['options']) <= SHOWN + 1 and picker.value == '1101010101.001'
    await user.should_see(f'แสดง {SHOWN} จาก {len(picker.choices):,} รายการ พิมพ์เพื่อค้นหา')

    far = list(picker.choices)[-1]  # beyond the first SHOWN: found by typing part of its name
    typed = picker.choices[far].split(' ', 1)[1]
    assert far not in picker.options
    user.find(marker='report-account').click()  # open the list, type, choose the account by its label
    user.find(marker='report-account').trigger('inputValue', typed)  # what Quasar sends as the user types
    await user.should_see(picker.choices[far])
    assert far in picker.options and all(typed in label for v, label in picker.options.items() if v != picker.value)
    user.find(picker.choices[far]).click()
    assert picker.value == far
    await user.should_see(marker='report-subtitle', content=f'บัญชี {far}', retries=100)


async def test_an_account_given_in_the_address_is_chosen_though_not_among_the_first(user: User) -> None:
    await sign_in(user, 'accountant', expect='สวัสดี')
    await user.open('/elaas/reports/ledger?account=5104010104.001')
    await user.should_see(marker='report-subtitle', content='บัญชี 5104010104.001', retries=100)
    picker = user.find(marker='report-account').elements.pop()
    assert picker.value == '5104010104.001' and '5104010104.001' in picker.options
    assert picker.props['model-value']['label'] == picker.choices['5104010104.001']
