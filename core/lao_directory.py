"""The LAO directory (bundled public data): the DLA registry of LAOs, provinces and districts (assets/data/)."""

import csv
from dataclasses import dataclass
from functools import cache

from core.settings import asset
from core.thai import to_arabic_digits

LAO_TYPES = {
    'subdistrict_admin_org': 'องค์การบริหารส่วนตำบล',
    'subdistrict_municipality': 'เทศบาลตำบล',
    'town_municipality': 'เทศบาลเมือง',
    'city_municipality': 'เทศบาลนคร',
    'provincial_admin_org': 'องค์การบริหารส่วนจังหวัด',
    'special_admin_area': 'เมืองพัทยา',
}
LAO_TYPE_SHORT = {'subdistrict_admin_org': 'อบต.', 'subdistrict_municipality': 'ทต.', 'town_municipality': 'ทม.',
                  'city_municipality': 'ทน.', 'provincial_admin_org': 'อบจ.', 'special_admin_area': 'เมืองพัทยา'}
# The first digit of a DLA code is the LAO type.
TYPE_DIGIT = {'provincial_admin_org': '2', 'city_municipality': '3', 'town_municipality': '4',
              'subdistrict_municipality': '5', 'subdistrict_admin_org': '6', 'special_admin_area': '7'}
SIZES = {'small': 'ขนาดเล็ก', 'medium': 'ขนาดกลาง', 'large': 'ขนาดใหญ่'}
NOT_REGISTERED = 'ไม่พบรหัส อปท. นี้ในทะเบียนกรมส่งเสริมการปกครองท้องถิ่น'


@dataclass(frozen=True)
class RegisteredLAO:
    dla_code: str
    name: str
    lao_type: str
    province_code: str
    district_name: str

    @property
    def full_name(self) -> str:
        return f'{LAO_TYPES.get(self.lao_type, "")}{self.name}'


@cache
def registered_laos() -> dict[str, RegisteredLAO]:
    with asset('data', 'lao_registry.csv').open(encoding='utf-8') as f:
        return {r['dla_code']: RegisteredLAO(r['dla_code'], r['name_th'], r['lao_type'], r['province_code'],
                                             r['district_name_th']) for r in csv.DictReader(f)}


@cache
def provinces() -> dict[str, str]:
    """TIS province code -> Thai name."""
    with asset('data', 'provinces.csv').open(encoding='utf-8') as f:
        return {r['code']: r['name_th'] for r in csv.DictReader(f)}


@cache
def districts(province_code: str) -> list[str]:
    with asset('data', 'districts.csv').open(encoding='utf-8') as f:
        return sorted(r['name_th'] for r in csv.DictReader(f) if r['province_code'] == province_code)


def clean_dla_code(text: str) -> str:
    """A DLA code as typed or pasted (' 6300199 ', '63-0019-9', Thai digits): its digits only."""
    return ''.join(char for char in to_arabic_digits(text or '') if char.isascii() and char.isdigit())


def lookup(text: str) -> RegisteredLAO | None:
    """The registered LAO of a code as typed (cleaned first); None for an unknown or partial code."""
    return registered_laos().get(clean_dla_code(text))


def check_dla_code(code: str, lao_type: str | None = None, province_code: str | None = None) -> str:
    """Return a Thai error naming what is wrong with a DLA code, or '' when it is consistent."""
    code = clean_dla_code(code)
    if len(code) != 7 or not code.isdigit():
        return 'รหัส อปท.: ต้องเป็นตัวเลข 7 หลัก'
    if code[0] not in TYPE_DIGIT.values():
        return 'รหัส อปท.: หลักแรกต้องเป็นประเภท อปท. (2–7)'
    if lao_type and TYPE_DIGIT.get(lao_type) != code[0]:
        return f'รหัส อปท.: หลักแรก {code[0]} ไม่ตรงกับประเภท {LAO_TYPES.get(lao_type, lao_type)}'
    if province_code and code[1:3] != province_code:
        return f'รหัส อปท.: หลักที่ 2–3 ({code[1:3]}) ไม่ตรงกับรหัสจังหวัด {province_code}'
    if code[1:3] not in provinces():
        return f'รหัส อปท.: ไม่มีจังหวัดรหัส {code[1:3]}'
    return ''
