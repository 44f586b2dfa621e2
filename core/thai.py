"""Thai helpers: the LAO's clock, Buddhist-era dates, fiscal year, baht text, money, Thai digits, citizen ids, word
splitting."""

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal
from zoneinfo import ZoneInfo

# pythainlp otherwise creates ~/pythainlp-data on import.
os.environ.setdefault('PYTHAINLP_READ_ONLY', '1')

from pythainlp.tokenize import word_tokenize  # noqa: E402
from pythainlp.util import (  # noqa: E402
    arabic_digit_to_thai_digit,
    convert_years,
    num_to_thaiword,
    thai_digit_to_arabic_digit,
    thai_strftime,
)
from pythainlp.util.date import thai_abbr_months, thai_full_months  # noqa: E402

from core import memory  # noqa: E402
from core.settings import clock_zone  # noqa: E402
from models.types import MONEY_MAX, MONEY_MIN, MoneyError, money_range_error, to_money  # noqa: E402

THAI_MONTHS: tuple[str, ...] = tuple(thai_full_months)
THAI_MONTHS_SHORT: tuple[str, ...] = tuple(thai_abbr_months)
BANGKOK = ZoneInfo('Asia/Bangkok')  # the usual zone; code asks local_zone(), which follows settings.timezone

DateStyle = Literal['short', 'long', 'numeric']
_DATE_FORMATS: dict[str, str] = {'short': '%-d %b %Y', 'long': '%-d %B %Y', 'numeric': '%d/%m/%Y'}

# Month names as typed: full, abbreviated, and abbreviated without dots ('มค').
_MONTH_BY_NAME: dict[str, int] = {
    name: number
    for number, (full, short) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_SHORT, strict=True), start=1)
    for name in (full, short, short.replace('.', ''))
}
_NUMERIC_DATE = re.compile(r'(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})')
_WORD_DATE = re.compile(r'(\d{1,2})\s*([^\d\s]+)\s*(?:พ\.ศ\.)?\s*(\d{4})')
_MONEY = re.compile(r'[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)')
_CENT = Decimal('0.01')


_frozen: datetime | None = None  # set only by frozen_clock (tests): process-wide, so pages' worker threads see it


def local_zone() -> ZoneInfo:
    """The LAO's clock zone: settings.timezone (Asia/Bangkok unless configured)."""
    return ZoneInfo(clock_zone())


def now() -> datetime:
    """The time now on the LAO's clock (aware). Use this, never datetime.now(): the server's own zone may be UTC."""
    return (_frozen or datetime.now(UTC)).astimezone(local_zone())


def today() -> date:
    """Today's date on the LAO's clock: at 06:00 in Bangkok on 1 October it is 1 October (a new fiscal year) even
    where the server's clock still says 30 September. Use this, never date.today()."""
    return now().date()


@contextmanager
def frozen_clock(moment: datetime) -> Iterator[datetime]:
    """Tests: now() and today() answer `moment` (an aware datetime, any zone) until the block ends."""
    global _frozen
    if moment.tzinfo is None:
        raise ValueError('frozen_clock needs an aware datetime (say which zone the moment is in)')
    before, _frozen = _frozen, moment
    try:
        yield moment
    finally:
        _frozen = before


def be_year(d: date) -> int:
    """Buddhist-era year of a date."""
    return int(convert_years(str(d.year), src='ad', target='be'))


def fiscal_year(d: date) -> int:
    """Thai government fiscal year (1 Oct - 30 Sep), named by the BE year it ends in."""
    return be_year(d) + (1 if d.month >= 10 else 0)


def fiscal_year_range(fy: int) -> tuple[date, date]:
    """First and last day of a BE fiscal year: FY 2569 -> (2025-10-01, 2026-09-30)."""
    end_year = int(convert_years(str(fy), src='be', target='ad'))
    return date(end_year - 1, 10, 1), date(end_year, 9, 30)


def fiscal_quarter(d: date) -> int:
    """Quarter of the fiscal year: 1 = Oct-Dec, 2 = Jan-Mar, 3 = Apr-Jun, 4 = Jul-Sep."""
    return (d.month - 10) % 12 // 3 + 1


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai digits."""
    return arabic_digit_to_thai_digit(text)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with Arabic digits."""
    return thai_digit_to_arabic_digit(text)


def format_date(d: date | None, style: DateStyle = 'short', thai_digits: bool = False) -> str:
    """'5 ม.ค. 2569' (short), '5 มกราคม 2569' (long) or '05/01/2569' (numeric); None gives ''."""
    if d is None:
        return ''
    if isinstance(d, datetime) and d.tzinfo is not None:
        d = d.astimezone(local_zone())
    return thai_strftime(d, _DATE_FORMATS[style], thaidigit=thai_digits)


def format_datetime(dt: datetime | None, style: DateStyle = 'short', thai_digits: bool = False) -> str:
    """Date as in format_date followed by the time: '5 ม.ค. 2569 14:05 น.'; aware values in the LAO's zone."""
    if dt is None:
        return ''
    if dt.tzinfo is not None:
        dt = dt.astimezone(local_zone())
    return f'{format_date(dt, style, thai_digits)} {thai_strftime(dt, "%H:%M น.", thaidigit=thai_digits)}'


def parse_be_date(text: str) -> date:
    """Parse a Buddhist-era date typed as '5/1/2569', '๕/๑/๒๕๖๙', '5 ม.ค. 2569' or '5 มกราคม 2569'."""
    cleaned = to_arabic_digits((text or '').strip())
    if not cleaned:
        raise ValueError('กรุณาระบุวันที่')
    if match := _NUMERIC_DATE.fullmatch(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif (match := _WORD_DATE.fullmatch(cleaned)) and match[2] in _MONTH_BY_NAME:
        day, month, year = int(match[1]), _MONTH_BY_NAME[match[2]], int(match[3])
    else:
        raise ValueError(f'วันที่ไม่ถูกต้อง: {text} (ตัวอย่าง 5/1/2569 หรือ 5 ม.ค. 2569)')
    if year < 2400:
        raise ValueError(f'ปี {year} ไม่ใช่ปีพุทธศักราช กรุณาระบุปี พ.ศ. เช่น 2569')
    try:
        return date(int(convert_years(str(year), src='be', target='ad')), month, day)
    except ValueError:
        raise ValueError(f'วันที่ไม่ถูกต้อง: {text} (ไม่มีวันนี้ในปฏิทิน)') from None


def parse_money(text: str, minimum: Decimal = MONEY_MIN, maximum: Decimal = MONEY_MAX) -> Decimal:
    """Parse an amount typed with optional commas, spaces and Thai digits: '1,234.5' -> Decimal('1234.50').

    Refused with a Thai reason (ValueError): not a number (NaN, Infinity, 1e5 included), more than 2 places, or
    outside [minimum, maximum] — by default the range every money column holds (±999,999,999,999.99)."""
    cleaned = re.sub(r'[\s,]', '', to_arabic_digits(text or ''))
    if not cleaned:
        raise ValueError('กรุณาระบุจำนวนเงิน')
    if not _MONEY.fullmatch(cleaned):
        raise ValueError(f'จำนวนเงินไม่ถูกต้อง: {_excerpt(text)} (ตัวอย่าง 1,234.50)')
    amount = Decimal(cleaned)  # exact at any length; nothing below does arithmetic beyond 14 digits
    if problem := money_range_error(amount, minimum, maximum):
        raise ValueError(problem)
    try:
        return to_money(amount)
    except MoneyError as error:
        raise ValueError(str(error)) from None


def _excerpt(text: str, limit: int = 30) -> str:
    """What the user typed, shortened for a message (a pasted 400-digit number stays readable)."""
    text = str(text).strip()
    return text if len(text) <= limit else f'{text[:limit]}…'


def _satang(amount: Decimal | int | float | str) -> Decimal:
    """Amount as a Decimal rounded half-up to satang; floats go through their shortest text (0.29, not 0.28999...)."""
    if isinstance(amount, str):
        value = parse_money(amount)
    else:
        try:
            value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
        except InvalidOperation:
            raise ValueError(f'จำนวนเงินไม่ถูกต้อง: {amount}') from None
    if not value.is_finite() or value.adjusted() >= 26:  # beyond the context's 28 digits quantize would fail
        raise ValueError(f'จำนวนเงินไม่ถูกต้อง: {_excerpt(amount)}')
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)


def format_money(amount: Decimal | int | float | str, thai_digits: bool = False) -> str:
    """'1,234,567.50': two places, half-up rounding, thousands separators, '-' for negatives."""
    text = f'{_satang(amount):,.2f}'
    return to_thai_digits(text) if thai_digits else text


def baht_text(amount: Decimal | int | float | str) -> str:
    """Amount in Thai words as on cheques and receipts: 1234.50 -> 'หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์'."""
    value = _satang(amount)
    baht, satang = divmod(int(abs(value) * 100), 100)
    if not baht and not satang:
        return 'ศูนย์บาทถ้วน'
    # Unlike pythainlp.util.bahttext (float only), amounts below one baht read 'ห้าสิบสตางค์' as on Excel's BAHTTEXT.
    words = f'{num_to_thaiword(baht)}บาท' if baht else ''
    words += f'{num_to_thaiword(satang)}สตางค์' if satang else 'ถ้วน'
    return f'ลบ{words}' if value < 0 else words


def _citizen_digits(s: str) -> str:
    return re.sub(r'[\s-]', '', to_arabic_digits(s or ''))


def _check_digit(body: str) -> str:
    total = sum(int(digit) * (13 - position) for position, digit in enumerate(body[:12]))
    return str((11 - total % 11) % 10)


def with_check_digit(body: str) -> str:
    """A 13-digit citizen id or tax id from its first 12 digits (the demo's and tests' made-up ids are valid)."""
    return body[:12] + _check_digit(body)


def is_valid_citizen_id(s: str) -> bool:
    """13-digit Thai citizen id or juristic tax id with a valid mod-11 check digit; dashes and spaces are ignored."""
    digits = _citizen_digits(s)
    return bool(re.fullmatch(r'[0-9]{13}', digits)) and _check_digit(digits) == digits[12]


def clean_citizen_id(text: str) -> str:
    """A typed citizen or tax id ('1-2345-67890-12-1', Thai digits, spaces) as its 13 digits; ValueError with a Thai
    reason when it is not 13 digits or its check digit is wrong."""
    digits = _citizen_digits(str(text or ''))
    if not digits:
        raise ValueError('กรุณากรอก')
    if not re.fullmatch(r'[0-9]{13}', digits):
        raise ValueError('ต้องเป็นตัวเลข 13 หลัก')
    if not is_valid_citizen_id(digits):
        raise ValueError('เลขไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)')
    return digits


def format_citizen_id(s: str) -> str:
    """'1234567890121' -> '1-2345-67890-12-1'."""
    digits = _citizen_digits(s)
    if not re.fullmatch(r'[0-9]{13}', digits):
        raise ValueError(f'เลขประจำตัวต้องมี 13 หลัก: {s}')
    return f'{digits[0]}-{digits[1:5]}-{digits[5:10]}-{digits[10:12]}-{digits[12]}'


def thai_words(text: str) -> list[str]:
    """Words of a text by pythainlp's default tokenizer (newmm), without whitespace tokens."""
    words = [word for word in word_tokenize(text or '', engine='newmm', keep_whitespace=False) if word.strip()]
    memory.settle('segmenter')  # the first call built the dictionary's trie: half a million objects kept for good
    return words


def search_terms(text: str) -> str:
    """Space-separated lower-case words, for a search index column."""
    return ' '.join(word.lower() for word in thai_words(text))
