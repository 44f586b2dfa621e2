"""Tests for core.thai: Buddhist-era dates, fiscal year, baht text, money, digits, citizen ids, words."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from core.thai import (
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    baht_text,
    be_year,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_range,
    format_citizen_id,
    format_date,
    format_datetime,
    format_money,
    is_valid_citizen_id,
    parse_be_date,
    parse_money,
    search_terms,
    thai_words,
    to_arabic_digits,
    to_thai_digits,
)

THAI_TEXT = re.compile('[\u0e00-\u0e7f]')


def with_check_digit(first_twelve: str) -> str:
    """A 13-digit id completed with its mod-11 check digit, computed independently of core.thai."""
    total = sum(int(digit) * (13 - position) for position, digit in enumerate(first_twelve))
    return first_twelve + str((11 - total % 11) % 10)


def test_be_year():
    assert be_year(date(2026, 1, 5)) == 2569
    assert be_year(datetime(2025, 12, 31, 23, 59)) == 2568


@pytest.mark.parametrize(
    ('day', 'expected'),
    [
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2026, 1, 1), 2569),
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), 2570),
    ],
)
def test_fiscal_year_boundaries(day, expected):
    assert fiscal_year(day) == expected


def test_fiscal_year_range_round_trips():
    start, end = fiscal_year_range(2569)
    assert (start, end) == (date(2025, 10, 1), date(2026, 9, 30))
    assert fiscal_year(start) == fiscal_year(end) == 2569


@pytest.mark.parametrize(
    ('day', 'quarter'),
    [
        (date(2025, 10, 1), 1),
        (date(2025, 12, 31), 1),
        (date(2026, 1, 1), 2),
        (date(2026, 3, 31), 2),
        (date(2026, 4, 1), 3),
        (date(2026, 6, 30), 3),
        (date(2026, 7, 1), 4),
        (date(2026, 9, 30), 4),
    ],
)
def test_fiscal_quarter(day, quarter):
    assert fiscal_quarter(day) == quarter


def test_leap_day():
    leap_day = date(2024, 2, 29)
    assert be_year(leap_day) == 2567
    assert fiscal_year(leap_day) == 2567
    assert format_date(leap_day) == '29 ก.พ. 2567'
    assert parse_be_date('29/2/2567') == leap_day
    with pytest.raises(ValueError, match='วันที่ไม่ถูกต้อง'):
        parse_be_date('29/2/2568')


def test_month_lists():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_SHORT) == 12
    assert THAI_MONTHS[0] == 'มกราคม'
    assert THAI_MONTHS_SHORT[11] == 'ธ.ค.'


def test_format_date_styles():
    day = date(2026, 1, 5)
    assert format_date(day) == '5 ม.ค. 2569'
    assert format_date(day, 'long') == '5 มกราคม 2569'
    assert format_date(day, 'numeric') == '05/01/2569'
    assert format_date(day, 'numeric', thai_digits=True) == '๐๕/๐๑/๒๕๖๙'
    assert format_date(datetime(2026, 1, 5, 23, 0)) == '5 ม.ค. 2569'
    assert format_date(None) == ''


def test_format_datetime():
    assert format_datetime(datetime(2026, 1, 5, 14, 5)) == '5 ม.ค. 2569 14:05 น.'
    assert format_datetime(datetime(2026, 1, 5, 14, 5), 'long', thai_digits=True) == '๕ มกราคม ๒๕๖๙ ๑๔:๐๕ น.'
    # Aware values are shown in Thai time: 20:30 UTC on 4 Jan is 03:30 on 5 Jan in Bangkok.
    assert format_datetime(datetime(2026, 1, 4, 20, 30, tzinfo=UTC)) == '5 ม.ค. 2569 03:30 น.'
    assert format_datetime(None) == ''


@pytest.mark.parametrize('month', range(1, 13))
@pytest.mark.parametrize('style', ['short', 'long', 'numeric'])
@pytest.mark.parametrize('thai_digits', [False, True])
def test_parse_format_round_trip_every_month(month, style, thai_digits):
    for day in (date(2025, month, 1), date(2026, month, 28)):
        assert parse_be_date(format_date(day, style, thai_digits)) == day


@pytest.mark.parametrize(
    'text', ['5/1/2569', '05/01/2569', '๕/๑/๒๕๖๙', ' 5 ม.ค. 2569 ', '5 มกราคม 2569', '5 มกราคม พ.ศ. 2569', '5 มค 2569']
)
def test_parse_be_date_accepted_forms(text):
    assert parse_be_date(text) == date(2026, 1, 5)


@pytest.mark.parametrize(
    ('text', 'message'),
    [
        ('', 'กรุณาระบุวันที่'),
        ('abc', 'วันที่ไม่ถูกต้อง'),
        ('5/13/2569', 'วันที่ไม่ถูกต้อง'),
        ('31/4/2569', 'วันที่ไม่ถูกต้อง'),
        ('5 มกรา 25', 'วันที่ไม่ถูกต้อง'),
        ('5 ม.ค. 2569 14:00', 'วันที่ไม่ถูกต้อง'),
        ('5/1/2026', 'พุทธศักราช'),
        ('5 มกราคม 2026', 'พุทธศักราช'),
    ],
)
def test_parse_be_date_rejects_with_thai_message(text, message):
    with pytest.raises(ValueError, match=message) as error:
        parse_be_date(text)
    assert THAI_TEXT.search(str(error.value))


def test_digit_conversion():
    assert to_thai_digits('เลขที่ 1234/2569') == 'เลขที่ ๑๒๓๔/๒๕๖๙'
    assert to_arabic_digits('เลขที่ ๑๒๓๔/๒๕๖๙') == 'เลขที่ 1234/2569'
    assert to_arabic_digits(to_thai_digits('0123456789')) == '0123456789'


@pytest.mark.parametrize(
    ('amount', 'words'),
    [
        (Decimal('1234.50'), 'หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์'),
        (100, 'หนึ่งร้อยบาทถ้วน'),
        (0, 'ศูนย์บาทถ้วน'),
        (Decimal('0.29'), 'ยี่สิบเก้าสตางค์'),
        (0.29, 'ยี่สิบเก้าสตางค์'),
        (Decimal('21.21'), 'ยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์'),
        (21.21, 'ยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์'),
        (Decimal('1000000.01'), 'หนึ่งล้านบาทหนึ่งสตางค์'),
        ('1,000,001', 'หนึ่งล้านเอ็ดบาทถ้วน'),
        (Decimal('11.11'), 'สิบเอ็ดบาทสิบเอ็ดสตางค์'),
        (Decimal('-5.50'), 'ลบห้าบาทห้าสิบสตางค์'),
        (Decimal('12345678.90'), 'สิบสองล้านสามแสนสี่หมื่นห้าพันหกร้อยเจ็ดสิบแปดบาทเก้าสิบสตางค์'),
        (Decimal('1000000000000.01'), 'หนึ่งล้านล้านบาทหนึ่งสตางค์'),
    ],
)
def test_baht_text(amount, words):
    assert baht_text(amount) == words


def test_baht_text_rejects_garbage():
    with pytest.raises(ValueError, match='จำนวนเงินไม่ถูกต้อง'):
        baht_text('สิบบาท')
    with pytest.raises(ValueError, match='จำนวนเงินไม่ถูกต้อง'):
        baht_text(Decimal('NaN'))


@pytest.mark.parametrize(
    ('amount', 'text'),
    [
        (Decimal('1234567.5'), '1,234,567.50'),
        (Decimal('2.345'), '2.35'),
        (Decimal('2.344'), '2.34'),
        (Decimal('-1234.5'), '-1,234.50'),
        (Decimal('-0.001'), '0.00'),
        (0, '0.00'),
        (1000, '1,000.00'),
        (0.29, '0.29'),
        (Decimal('999.995'), '1,000.00'),
    ],
)
def test_format_money(amount, text):
    assert format_money(amount) == text


def test_format_money_thai_digits():
    assert format_money(Decimal('1234567.5'), thai_digits=True) == '๑,๒๓๔,๕๖๗.๕๐'


@pytest.mark.parametrize(
    ('text', 'amount'),
    [
        ('1,234.50', Decimal('1234.50')),
        ('1234.5', Decimal('1234.50')),
        (' 1 234 ', Decimal('1234.00')),
        ('๑,๒๓๔.๕', Decimal('1234.50')),
        ('-10', Decimal('-10.00')),
        ('0.29', Decimal('0.29')),
    ],
)
def test_parse_money(text, amount):
    parsed = parse_money(text)
    assert parsed == amount
    assert parsed.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ('text', 'message'),
    [
        ('', 'กรุณาระบุจำนวนเงิน'),
        ('abc', 'จำนวนเงินไม่ถูกต้อง'),
        ('1.2.3', 'จำนวนเงินไม่ถูกต้อง'),
        ('12 บาท', 'จำนวนเงินไม่ถูกต้อง'),
        ('12.345', 'ทศนิยม'),
    ],
)
def test_parse_money_rejects_with_thai_message(text, message):
    with pytest.raises(ValueError, match=message) as error:
        parse_money(text)
    assert THAI_TEXT.search(str(error.value))


def test_money_round_trip():
    for amount in (Decimal('0.01'), Decimal('21.21'), Decimal('1000000.01'), Decimal('-987654.32')):
        assert parse_money(format_money(amount)) == amount
        assert parse_money(format_money(amount, thai_digits=True)) == amount


def test_citizen_id():
    valid = with_check_digit('110170023070')
    assert is_valid_citizen_id(valid)
    assert is_valid_citizen_id(format_citizen_id(valid))
    assert is_valid_citizen_id(to_thai_digits(valid))
    wrong_check = valid[:12] + str((int(valid[12]) + 1) % 10)
    assert not is_valid_citizen_id(wrong_check)
    assert not is_valid_citizen_id(valid[:12])
    assert not is_valid_citizen_id(valid + '0')
    assert not is_valid_citizen_id('11017002307a5')
    assert not is_valid_citizen_id('')


def test_juristic_tax_id_uses_the_same_check():
    tax_id = with_check_digit('010553600001')
    assert is_valid_citizen_id(tax_id)


def test_format_citizen_id():
    assert format_citizen_id('1234567890123') == '1-2345-67890-12-3'
    assert format_citizen_id('1-2345-67890-12-3') == '1-2345-67890-12-3'
    with pytest.raises(ValueError, match='13 หลัก'):
        format_citizen_id('12345')


def test_thai_words_and_search_terms():
    words = thai_words('บ้านหนองบัว  หมู่ที่ 5 ABC')
    assert 'บ้าน' in words
    assert all(word.strip() for word in words)
    assert ''.join(words) == 'บ้านหนองบัวหมู่ที่5ABC'
    assert search_terms('บ้านหนองบัว Road') == 'บ้าน หนอง บัว road'
    assert thai_words('') == []
