"""A new form starts from its fields' defaults as the officer reads them: a default computed as a date shows as a
Buddhist-era date the officer can type over (it broke the form before)."""

from nicegui.testing import User

from core.thai import format_date, today
from helpers import sign_in


async def test_a_date_default_shows_as_a_buddhist_era_date_and_can_be_typed_over(user: User) -> None:
    await sign_in(user, 'cashier', expect='สวัสดี')
    await user.open('/elaas/deposits/new')
    await user.should_see(marker='field-deposit_date', retries=100)
    field = user.find(marker='field-deposit_date').elements.pop()
    assert field.value == format_date(today(), 'numeric')
    user.find(marker='field-deposit_date').clear().type('01/10/2569')
    assert field.value == '01/10/2569'
