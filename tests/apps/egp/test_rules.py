"""The procurement rules (assets/egp/rules.yaml) at each limit, on both sides: methods by amount and condition,
amount limits, committee minimums and composition, fines, appeal days, and the dating of rules."""

from datetime import date
from decimal import Decimal

import pytest

from apps.egp import rules

ON = date(2026, 12, 1)
D = Decimal


@pytest.mark.parametrize(('kind', 'method', 'amount', 'condition', 'allowed'), [
    ('buy', 'specific', '500000.00', None, True),
    ('buy', 'specific', '500000.01', None, False),
    ('buy', 'specific', '600000', None, False),
    ('buy', 'specific', '600000', 's56_2_c', True),  # sole distributor
    ('works', 'specific', '600000', 's56_2_d', True),  # emergency
    ('buy', 'specific', '600000', 's56_1_a', False),  # a ground of คัดเลือก, not of เฉพาะเจาะจง
    ('hire', 'specific', '0.01', None, True),
    ('buy', 'selection', '800000', None, False),  # needs a ground of มาตรา 56 (1)
    ('buy', 'selection', '800000', 's56_1_b', True),
    ('buy', 'selection', '100000', 's56_1_c', True),
    ('works', 'e_bidding', '500000.01', None, True),
    ('works', 'e_bidding', '90000000', None, True),
    ('works', 'e_market', '900000', None, False),  # e-market is for catalogue goods and services, not works
    ('buy', 'e_market', '900000', None, True),
    ('works', 'price_inquiry', '5000000', 'no_egp_area', True),
    ('works', 'price_inquiry', '5000000.01', 'no_egp_area', False),
    ('works', 'price_inquiry', '2000000', None, False),
    ('works', 'price_inquiry', '500000', 'no_egp_area', False),
    ('consult', 'e_bidding', '900000', None, False),
    ('buy', 'no_such_method', '1000', None, False),
])
def test_methods_at_their_limits(kind, method, amount, condition, allowed) -> None:
    refusal = rules.method_refusal(kind, method, D(amount), condition, ON)
    assert (refusal is None) is allowed, refusal


def test_the_refusal_names_the_limit_and_the_clause() -> None:
    refusal = rules.method_refusal('buy', 'specific', D('600000'), None, ON)
    assert '500,000.00' in refusal and 'มาตรา 56 (2) (ข)' in refusal and '600,000.00' in refusal


@pytest.mark.parametrize(('kind', 'amount', 'method'), [
    ('buy', '500000', 'specific'), ('buy', '500000.01', 'e_bidding'), ('works', '20000000', 'e_bidding'),
    ('consult', '400000', 'specific'), ('consult', '900000', 'selection')])
def test_suggested_method(kind, amount, method) -> None:
    assert rules.suggested_method(kind, D(amount), ON) == method


@pytest.mark.parametrize(('code', 'amount', 'method', 'applies'), [
    ('no_written_agreement', '100000', 'specific', True), ('no_written_agreement', '100000.01', 'specific', False),
    ('no_written_agreement', '50000', 'e_bidding', False),
    ('single_inspector', '100000', None, True), ('single_inspector', '100000.01', None, False),
    ('small_expense', '10000', 'specific', True), ('small_expense', '10000.01', 'specific', False),
    ('reference_price_publication', '500000', None, False),
    ('reference_price_publication', '500000.01', None, True),
])
def test_amount_limits(code, amount, method, applies) -> None:
    assert rules.limit_applies(code, D(amount), ON, method) is applies


@pytest.mark.parametrize(('committee', 'kind', 'method', 'amount', 'minimum'), [
    ('inspection', 'buy', 'specific', '100000', 1), ('inspection', 'buy', 'specific', '100000.01', 3),
    ('inspection', 'works', 'e_bidding', '5000000', 3), ('inspection', 'consult', 'selection', '50000', 5),
    ('evaluation', 'works', 'e_bidding', '5000000', 3), ('evaluation', 'consult', 'selection', '900000', 5),
    ('evaluation', 'buy', 'specific', '90000', 0), ('tor', 'works', 'e_bidding', '5000000', 1),
])
def test_committee_minimums(committee, kind, method, amount, minimum) -> None:
    assert rules.committee_minimum(committee, kind, method, D(amount), ON)[0] == minimum


def _members(*roles: str) -> list[dict]:
    return [{'name': f'นาย ก{i}', 'role': role} for i, role in enumerate(roles)]


def test_committee_composition() -> None:
    check = lambda members, amount='200000': rules.committee_refusals(  # noqa: E731
        'inspection', members, 'buy', 'specific', D(amount), ON)
    assert check(_members('chair', 'member', 'member')) == []
    assert 'อย่างน้อย 3 คน' in check(_members('chair', 'member'))[0]
    assert check(_members('member'), '100000') == []  # one inspector, no chair needed
    assert check(_members('member', 'member', 'member')) == ['คณะกรรมการตรวจรับพัสดุ/ผู้ตรวจรับพัสดุ: ต้องมีประธาน'
                                                             'กรรมการ 1 คน (ขณะนี้ 0 คน)']
    assert 'ประธานกรรมการ 1 คน (ขณะนี้ 2 คน)' in check(_members('chair', 'chair', 'member'))[0]
    twice = [{'name': 'นาย สมชาย  ใจดี', 'role': 'chair'}, {'name': 'นาย สมชาย ใจดี', 'role': 'member'},
             {'name': 'นาง ข', 'role': 'member'}]
    assert 'นาย สมชาย ใจดี มีชื่อซ้ำ' in check(twice)[0]


def test_fines() -> None:
    # purchase: 0.2 % a day of the late installment
    assert rules.late_fine('buy', D('0.20'), 5, D('100000'), D('300000'), ON) == D('1000.00')
    assert rules.late_fine('buy', D('0.20'), 0, D('100000'), D('300000'), ON) == D('0.00')
    # works: on the contract value, at least 100 baht a day
    assert rules.late_fine('works', D('0.10'), 3, D('100000'), D('900000'), ON) == D('2700.00')
    assert rules.late_fine('works', D('0.01'), 3, D('10000'), D('50000'), ON) == D('300.00')
    assert rules.late_fine('buy', D('0.20'), 10_000, D('1000'), D('1000'), ON) == D('1000')  # never above it
    assert rules.fine_rate_refusal('buy', D('0.20'), ON) is None
    assert rules.fine_rate_refusal('buy', D('0.21'), ON) is not None
    assert rules.fine_rate_refusal('works', D('0.10'), ON) is None
    assert rules.fine_rate_refusal('works', D('0.11'), ON) is not None
    assert rules.fine_rate_refusal('works', D('0.009'), ON) is not None


def test_appeal_days_and_guarantees() -> None:
    assert rules.appeal_days('e_bidding', ON) == 7
    assert rules.appeal_days('specific', ON) == 0
    assert set(rules.guarantee_forms(ON)) == {'cash', 'cheque', 'bank_guarantee', 'bond', 'electronic'}
    assert rules.guarantee_kinds(ON)['performance']['rate_pct'] == 5


def test_rules_are_dated(monkeypatch) -> None:
    """A rule is in force from its date; a later entry with the same code replaces it from its own date."""
    assert rules.limits(date(2018, 3, 6)).get('small_expense') is None  # ว 119 not yet in force
    assert 'small_expense' in rules.limits(date(2018, 3, 7))
    data = {**rules._data(), 'methods': [*rules._data()['methods'], {**rules.methods(ON)['specific'],
                                                                     'max': 1000000, 'valid_from': date(2027, 1, 1)}]}
    monkeypatch.setattr(rules, '_data', lambda: data)
    assert rules.method_refusal('buy', 'specific', D('600000'), None, date(2026, 12, 31)) is not None
    assert rules.method_refusal('buy', 'specific', D('600000'), None, date(2027, 1, 1)) is None


def test_every_entry_cites_its_clause() -> None:
    data = rules._data()
    entries = [*data['types'], *data['methods'], *data['conditions'], *data['limits'], *data['committees'],
               *data['appeal'], *data['inspection_decisions'], *data['guarantees']['kinds'],
               *data['guarantees']['forms'], *data['fines'], *data['checks']]
    assert all(e.get('clause') and isinstance(e['valid_from'], date) for e in entries)


def test_the_appeal_window_skips_weekends_and_public_holidays() -> None:
    # the demo LAO's HR holiday calendar (seeded from the public holidays)
    from apps.hr import links as hr
    from core import db
    from helpers import principal
    with db.session_scope() as session:
        off = hr.holidays_between(session, principal('procurement').org_id, date(2026, 1, 1), date(2027, 12, 31))
    assert date(2026, 4, 13) in off
    # Wednesday 2 Dec 2026 + 7 working days: the weekends, Mon 7 Dec (ชดเชยวันพ่อ, Sat 5 Dec) and Thu 10 Dec
    # (รัฐธรรมนูญ) skipped
    assert rules.working_days_after(date(2026, 12, 2), 7, off) == date(2026, 12, 15)
    assert rules.working_days_after(date(2026, 12, 28), 3, off) == date(2027, 1, 4)  # 31 Dec and 1 Jan are holidays
    assert rules.working_days_after(date(2026, 12, 2), 7, set()) == date(2026, 12, 11)  # weekends only


@pytest.mark.parametrize(('members', 'accepts', 'rejects', 'outcome'), [
    (1, 0, 0, 'pending'), (1, 1, 0, 'accepted'), (1, 0, 1, 'rejected'),
    (3, 2, 0, 'pending'), (3, 3, 0, 'accepted'), (3, 2, 1, 'dissent'), (3, 0, 1, 'pending'), (3, 1, 1, 'pending'),
    (3, 0, 3, 'rejected'), (3, 1, 2, 'dissent'),
    (5, 4, 0, 'pending'), (5, 5, 0, 'accepted'), (0, 0, 0, 'pending'),
])
def test_the_inspection_committee_decides_unanimously(members, accepts, rejects, outcome) -> None:
    rule = rules.inspection_rule(ON)
    assert rule['rule'] == 'unanimous' and 'ข้อ 175' in rule['clause']
    assert rules.inspection_outcome(members, accepts, rejects, ON) == outcome


@pytest.mark.parametrize(('members', 'accepts', 'rejects', 'outcome'), [
    (3, 1, 0, 'pending'), (3, 2, 0, 'accepted'), (3, 2, 1, 'accepted'), (3, 1, 2, 'rejected'),
    (4, 2, 0, 'pending'), (4, 3, 0, 'accepted'), (4, 2, 2, 'rejected'), (1, 1, 0, 'accepted'),
])
def test_a_majority_rule_dated_later_would_apply_from_its_date(monkeypatch, members, accepts, rejects,
                                                                 outcome) -> None:
    data = {**rules._data(), 'inspection_decisions': [
        *rules._data()['inspection_decisions'],
        {'code': 'inspection', 'rule': 'majority', 'clause': 'ทดสอบ', 'valid_from': date(2030, 1, 1)}]}
    monkeypatch.setattr(rules, '_data', lambda: data)
    assert rules.inspection_outcome(3, 2, 0, date(2029, 12, 31)) == 'pending'  # still unanimous the day before
    assert rules.inspection_outcome(members, accepts, rejects, date(2030, 1, 1)) == outcome
