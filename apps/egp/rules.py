"""The procurement rules, read from assets/egp/rules.yaml (dated data keyed by code, each citing its clause): the
method check by amount and condition, the method suggested, committee minimums, guarantee and fine rates.

Every lookup takes the date the rule is applied on (a file's date): the entry in force that day answers."""

import functools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import yaml

from core.settings import asset
from core.thai import format_money

GENERAL = ('e_market', 'e_bidding', 'price_inquiry')


@functools.cache
def _data() -> dict[str, Any]:
    with asset('egp', 'rules.yaml').open(encoding='utf-8') as handle:
        return yaml.safe_load(handle)


def working_days_after(start: date, days: int, holidays: set[date] | dict[date, str]) -> date:
    """The day `days` working days after `start` (weekends and the given holidays skipped). A year missing from the
    holidays is counted with weekends only: the caller shows HR's note on it (`service.appeal_window_notes`)."""
    day, left = start, days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def _in_force(entries: list[dict], on: date) -> list[dict]:
    """The entries in force on `on`: for each code, the one with the latest valid_from not after it."""
    best: dict[Any, dict] = {}
    for entry in entries:
        if entry['valid_from'] > on or ('valid_to' in entry and entry['valid_to'] < on):
            continue
        key = entry.get('code', id(entry))
        if key not in best or best[key]['valid_from'] <= entry['valid_from']:
            best[key] = entry
    return list(best.values())


def _by_code(section: str, on: date) -> dict[str, dict]:
    return {e['code']: e for e in _in_force(_data()[section], on)}


def types(on: date) -> dict[str, dict]:
    return _by_code('types', on)


def methods(on: date) -> dict[str, dict]:
    return _by_code('methods', on)


def conditions(on: date) -> dict[str, dict]:
    return _by_code('conditions', on)


def limits(on: date) -> dict[str, dict]:
    return _by_code('limits', on)


def committees(on: date) -> dict[str, dict]:
    return _by_code('committees', on)


def checks(on: date) -> dict[str, dict]:
    return _by_code('checks', on)


def guarantee_kinds(on: date) -> dict[str, dict]:
    return {e['code']: e for e in _in_force(_data()['guarantees']['kinds'], on)}


def guarantee_forms(on: date) -> dict[str, dict]:
    return {e['code']: e for e in _in_force(_data()['guarantees']['forms'], on)}


def titles(entries: dict[str, dict]) -> dict[str, str]:
    return {code: e['title'] for code, e in entries.items()}


def _amount(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def method_refusal(kind: str, method: str, amount: Decimal, condition: str | None, on: date) -> str | None:
    """Why `method` may not be used for a `kind` procurement of `amount` with `condition` (a code or None), in Thai
    naming the clause, or None when it may."""
    known = methods(on)
    if method not in known:
        return 'วิธีจัดหา: ไม่มีในรายการให้เลือก'
    rule = known[method]
    if kind not in rule.get('types', [kind]):
        return f'วิธีจัดหา: {rule["title"]} ใช้กับงาน{types(on).get(kind, {}).get("title", kind)}ไม่ได้ ({rule["clause"]})'
    allowed = rule.get('conditions', [])
    if condition and condition not in allowed:
        grounds = conditions(on)
        name = grounds.get(condition, {}).get('clause', condition)
        return f'เหตุผลที่ใช้วิธีนี้: {name} ไม่ใช่เหตุของ{rule["title"]}'
    if rule.get('requires_condition') and not condition:
        return f'เหตุผลที่ใช้วิธีนี้: {rule["title"]} ต้องระบุเหตุตาม{rule["clause"]}'
    limit = _amount(rule.get('max'))
    if limit is not None and amount > limit and not (condition and not rule.get('requires_condition')):
        return (f'วิธีจัดหา: {rule["title"]} ใช้ได้เมื่อวงเงินไม่เกิน {format_money(limit)} บาท ({rule["clause"]}) '
                f'วงเงินนี้ {format_money(amount)} บาท ต้องระบุเหตุตามมาตรา 56 (2) หรือใช้วิธีประกาศเชิญชวนทั่วไป'
                if method == 'specific' else
                f'วิธีจัดหา: {rule["title"]} ใช้ได้เมื่อวงเงินไม่เกิน {format_money(limit)} บาท ({rule["clause"]})')
    floor = _amount(rule.get('min_exclusive'))
    if floor is not None and amount <= floor and rule.get('requires_condition'):
        return f'วิธีจัดหา: {rule["title"]} ใช้กับวงเงินเกิน {format_money(floor)} บาท'
    return None


def suggested_method(kind: str, amount: Decimal, on: date) -> str:
    """The method the amount calls for without a condition: เฉพาะเจาะจง within its limit, else e-bidding (e-market
    when the goods are in the e-catalogue: the officer's choice)."""
    specific = methods(on)['specific']
    if kind in specific['types'] and amount <= _amount(specific['max']):
        return 'specific'
    return 'e_bidding' if kind in methods(on)['e_bidding']['types'] else 'selection'


def limit_applies(code: str, amount: Decimal, on: date, method: str | None = None) -> bool:
    """Whether an amount limit (no written agreement, single inspector, small expense) covers this amount."""
    rule = limits(on)[code]
    if method is not None and 'methods' in rule and method not in rule['methods']:
        return False
    if 'max' in rule:
        return amount <= _amount(rule['max'])
    return amount > _amount(rule['min_exclusive'])


def committee_minimum(committee: str, kind: str, method: str, amount: Decimal, on: date) -> tuple[int, str]:
    """The members a committee needs for this file, and the clause saying so (the first matching row)."""
    for row in committees(on)[committee]['minimums']:
        if 'types' in row and kind not in row['types']:
            continue
        if 'methods' in row and method not in row['methods']:
            continue
        if 'max' in row and amount > _amount(row['max']):
            continue
        return int(row['min']), row.get('clause', committees(on)[committee]['clause'])
    return 0, ''


def committee_refusals(committee: str, members: list[dict], kind: str, method: str, amount: Decimal,
                       on: date) -> list[str]:
    """What is wrong with a committee's members (each {'name', 'role'}; role chair/member/secretary), in Thai."""
    rule = committees(on)[committee]
    found = []
    minimum, clause = committee_minimum(committee, kind, method, amount, on)
    if len(members) < minimum:
        found.append(f'{rule["title"]}: ต้องมีอย่างน้อย {minimum} คน ({clause}) ขณะนี้มี {len(members)} คน')
    chairs = sum(1 for m in members if m['role'] == 'chair')
    if len(members) > 1 and chairs != 1:
        found.append(f'{rule["title"]}: ต้องมีประธานกรรมการ 1 คน (ขณะนี้ {chairs} คน)')
    names = [' '.join(m['name'].split()) for m in members]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        found.append(f'{rule["title"]}: {", ".join(twice)} มีชื่อซ้ำในคณะกรรมการเดียวกัน')
    return found


def appeal_days(method: str, on: date) -> int:
    """Working days of the appeal window after the result is announced (0: the method has none)."""
    for row in _in_force(_data()['appeal'], on):
        if method in row['methods']:
            return int(row['working_days'])
    return 0


def inspection_rule(on: date) -> dict:
    """How the inspection committee's members' decisions make its decision (unanimous or majority), with the clause."""
    return _by_code('inspection_decisions', on)['inspection']


def inspection_outcome(members: int, accepts: int, rejects: int, on: date) -> str:
    """'accepted', 'rejected', 'pending' or 'dissent' (the members disagree: the head of the agency decides) — what
    `accepts` and `rejects` of a committee of `members` decide."""
    if members <= 0:
        return 'pending'
    rule = inspection_rule(on)
    if rule['rule'] == 'unanimous':
        if rejects and rule.get('dissent') == 'head':
            if accepts + rejects < members:
                return 'pending'
            return 'dissent' if accepts else 'rejected'
        if rejects:
            return 'rejected'
        return 'accepted' if accepts >= members else 'pending'
    if accepts * 2 > members:
        return 'accepted'
    return 'rejected' if rejects * 2 >= members else 'pending'


def fine_rule(kind: str, on: date) -> dict:
    return next(row for row in _in_force(_data()['fines'], on) if kind in row['types'])


def fine_rate_refusal(kind: str, rate_pct: Decimal, on: date) -> str | None:
    rule = fine_rule(kind, on)
    low, high = _amount(rule['min_pct']), _amount(rule['max_pct'])
    if not low <= rate_pct <= high:
        return f'อัตราค่าปรับ: ต้องอยู่ระหว่างร้อยละ {low} ถึง {high} ต่อวัน ({rule["clause"]})'
    return None


def late_fine(kind: str, rate_pct: Decimal, days_late: int, installment: Decimal, contract: Decimal,
              on: date) -> Decimal:
    """The fine for `days_late` days at `rate_pct` a day: on the installment (purchase/hire) or the contract
    (works, at least the daily minimum), never more than the installment itself."""
    if days_late <= 0:
        return Decimal('0.00')
    rule = fine_rule(kind, on)
    base = contract if rule['base'] == 'contract' else installment
    per_day = max((base * rate_pct / 100).quantize(Decimal('0.01')), _amount(rule['min_per_day']))
    return min(per_day * days_late, installment)
