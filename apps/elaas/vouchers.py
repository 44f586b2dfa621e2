"""Vouchers (ฎีกา): prepared with lines charged to budget lines (or a commitment, or a non-budget account) →
checked by the finance director → approved by the นายก, or by the ปลัด up to the amount of a delegation order →
paid → posted to the books.

Budget is taken when a line is filed (the line's เบิกจ่าย), under the line's lock; a cancelled voucher gives it back.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import and_, exists, func, literal, or_, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from apps.elaas import books, tax
from apps.elaas.budget import charge, ensure_usable, line_label, lock_line
from apps.elaas.codes import expense_account, expense_classes, postable_accounts
from core import audit, checks, db, submissions
from core.access import Principal, delegation_refusal, in_force, require
from core.errors import NotFound, Refusal, ValidationFailed
from core.numbering import Series, next_number
from core.resource import REGISTRY, VERSION_KEY, WHAT_KEY, check_version, create, stamp
from core.resource import transition as move
from core.thai import fiscal_year, format_money
from core.workflow import Transition, Workflow
from models.finance import BudgetLine, Commitment, FinanceRule, Voucher, VoucherLine
from models.org import DelegationOrder
from models.types import MONEY_MAX, Money

VOUCHER_SERIES = Series('elaas.voucher', 'ฎีกา', 'fiscal', '{n}/{year}')
TREASURY_SERIES = Series('elaas.voucher.treasury', 'เลขที่คลังรับ', 'fiscal', '{n}/{year}')
PAY_METHODS = {'transfer': 'โอนเข้าบัญชี', 'cheque': 'เช็ค', 'cash': 'เงินสด'}
EDITABLE = ('prepared', 'returned')
APPROVE = 'elaas.voucher.approve'  # the นายก's by role; the ปลัด's by a delegation order, up to its amount


def approval_limit(org_id, on, actor: Principal):
    """The approver's own limit for a voucher of `org_id` dated `on` (values or the voucher's columns): the highest
    approve_limit.<role> in force on that date among the actor's roles, as an SQL scalar (NULL: no such rule, so no
    power of their own; a rule left blank: no limit). Only a role that holds elaas.voucher.approve counts; a
    delegation order's limit is the other way."""
    keys = [f'approve_limit.{key}' for key in sorted(actor.role_keys)] if actor.by_role(APPROVE) else []
    newer = aliased(FinanceRule)
    superseded = exists().where(newer.org_id == FinanceRule.org_id, newer.key == FinanceRule.key,
                                newer.effective_from > FinanceRule.effective_from, newer.effective_from <= on)
    # a limit left blank has none: it counts as the largest amount a voucher can hold
    return select(func.max(func.coalesce(FinanceRule.value, literal(MONEY_MAX, Money)))).where(
        FinanceRule.org_id == org_id, col(FinanceRule.key).in_(keys or ['']), FinanceRule.effective_from <= on,
        ~superseded).scalar_subquery()


def _own_limit(session: Session, record: Voucher, actor: Principal) -> Decimal | None:
    return session.exec(select(approval_limit(record.org_id, record.voucher_date, actor))).one() \
        if actor.by_role(APPROVE) else None


def approval_refusal(session: Session, record: Voucher, actor: Principal) -> str | None:
    """The approver's limit must cover the voucher's amount: their own (a finance rule of their role, the นายก's)
    or that of a delegation order in force today (the ปลัด's คำสั่งมอบอำนาจ)."""
    own = _own_limit(session, record, actor)
    if own is not None and record.gross <= own:
        return None
    if actor.delegation(APPROVE, record.gross, record) is not None:
        return None
    if own is not None:
        return (f'ฎีกาจำนวน {format_money(record.gross)} บาท เกินวงเงินอนุมัติของท่าน '
                f'({format_money(own)} บาท) ต้องเสนอผู้มีอำนาจอนุมัติในวงเงินที่สูงกว่า')
    if (order := actor.delegation(APPROVE, record=record)) is not None:
        return (f'ฎีกาจำนวน {format_money(record.gross)} บาท เกินวงเงินอนุมัติตาม{order.name} '
                f'({format_money(order.limit)} บาท) ต้องเสนอผู้มีอำนาจอนุมัติในวงเงินที่สูงกว่า')
    if actor.by_role(APPROVE):
        return 'ท่านยังไม่มีวงเงินอนุมัติฎีกา (กำหนดในกฎการเงิน approve_limit.<บทบาท>)'
    return delegation_refusal(actor, APPROVE, record.gross, record)


def within_approval_limit(model: type, actor: Principal):
    """approval_refusal as an SQL condition: the vouchers whose amount the actor's own limit or order covers."""
    own = model.gross <= approval_limit(model.org_id, model.voucher_date, actor)
    by_order = [and_(true() if d.limit is None else model.gross <= d.limit,
                     true() if d.division_id is None else model.division_id == d.division_id)
                for d in actor.orders(APPROVE)]
    return or_(own, *by_order)


def approval_order(session: Session, record: Voucher, actor: Principal) -> DelegationOrder | None:
    """The delegation order an approval of this voucher rests on (None: the approver's own power covers it)."""
    own = _own_limit(session, record, actor)
    if own is not None and record.gross <= own:
        return None
    order = actor.delegation(APPROVE, record.gross, record)
    return session.get(DelegationOrder, order.order_id) if order is not None else None


def standing_order(session: Session, record: Voucher) -> DelegationOrder | None:
    """The delegation order in force today under which this voucher goes for approval below the นายก: approving
    vouchers, of the whole LAO or the voucher's division, with the narrowest limit that covers its amount (None:
    it goes to the นายก)."""
    return session.exec(select(DelegationOrder).where(
        DelegationOrder.org_id == record.org_id, DelegationOrder.permission == APPROVE, in_force(),
        or_(col(DelegationOrder.limit_amount).is_(None), DelegationOrder.limit_amount >= record.gross),
        or_(col(DelegationOrder.division_id).is_(None), DelegationOrder.division_id == record.division_id))
        .order_by(col(DelegationOrder.limit_amount).is_(None), DelegationOrder.limit_amount, DelegationOrder.id)
    ).first()


def _stamp_order(session: Session, record: Voucher, actor: Principal) -> None:
    """Keep on the voucher the order the approver acted under, so its papers say "ปฏิบัติราชการแทน"."""
    order = approval_order(session, record, actor)
    record.approval_order_id = order.id if order is not None else None
    session.add(record)


def requester_series(division_id: int | None) -> Series:
    """เลขที่ผู้เบิก: each requesting division numbers its own vouchers per fiscal year (one series for vouchers
    filed without a division)."""
    return Series(f'elaas.voucher.requester.{division_id or 0}', 'เลขที่ผู้เบิก', 'fiscal', '{n}/{year}')


def _receive(session: Session, record: Voucher, actor: Principal) -> None:
    """The finance division's เลขที่คลังรับ, given the first time it checks the voucher (kept when it comes back)."""
    if not record.treasury_no:
        record.treasury_no = next_number(session, record.org_id, TREASURY_SERIES, record.voucher_date).text
        session.add(record)


def _post(session: Session, record: Voucher, actor: Principal) -> None:
    """Post the paid voucher: expense (or the line's account) Dr; bank (net) and withholding tax Cr."""
    lines = session.exec(select(VoucherLine).where(VoucherLine.voucher_id == record.id)).all()
    classes = expense_classes(session, record.org_id)
    pairs = []
    for line in lines:
        if line.budget_line_id:
            budget_line = session.get(BudgetLine, line.budget_line_id)
            pairs.append((expense_account(classes, budget_line.type_code), line.amount, line.budget_line_id))
        else:
            pairs.append((line.account_code, line.amount, None))
    entries = books.entries_from_rules(session, record.org_id, 'voucher',
                                       {'gross': record.gross, 'net': record.net, 'wht': record.wht}, pairs)
    journal = books.post(session, actor, on=record.paid_on, book='payments', source_type='voucher',
                         source_id=record.id, description=f'ฎีกา {record.number_text} {record.payee}: '
                                                          f'{record.description}', entries=entries)
    record.journal_id = journal.id


def _release(session: Session, record: Voucher, actor: Principal) -> None:
    """A cancelled voucher gives its budget (or its commitment) back, and a remittance its month's place."""
    for line in session.exec(select(VoucherLine).where(VoucherLine.voucher_id == record.id)).all():
        _uncharge(session, actor, line)
    if record.remits:
        record.remits = None
        session.add(record)


WORKFLOW = Workflow(
    states={'prepared': 'จัดทำฎีกา', 'checked': 'ตรวจฎีกาแล้ว', 'approved': 'อนุมัติแล้ว', 'paid': 'จ่ายเงินแล้ว',
            'posted': 'บันทึกบัญชีแล้ว', 'returned': 'ส่งคืนแก้ไข', 'cancelled': 'ยกเลิก'},
    initial='prepared',
    transitions=[
        Transition('check', 'ตรวจฎีกา', ('prepared',), 'checked', 'elaas.voucher.check', no_self_approval=True,
                   effect=_receive),
        Transition('approve', 'อนุมัติฎีกา', ('checked',), 'approved', APPROVE, guard=approval_refusal,
                   where=within_approval_limit, no_self_approval=True, effect=_stamp_order,
                   amount=lambda voucher: voucher.gross),
        Transition('return', 'ส่งคืนแก้ไข', ('prepared', 'checked'), 'returned', 'elaas.voucher.check',
                   needs_note=True, pending=False),
        Transition('return_by_approver', 'ส่งคืนแก้ไข', ('checked',), 'returned', 'elaas.voucher.approve',
                   needs_note=True, pending=False),
        Transition('resubmit', 'ส่งตรวจอีกครั้ง', ('returned',), 'prepared', 'elaas.voucher.prepare'),
        Transition('pay', 'จ่ายเงิน', ('approved',), 'paid', 'elaas.voucher.pay', button=False),
        Transition('post', 'บันทึกบัญชี', ('paid',), 'posted', 'elaas.journal.post', effect=_post),
        Transition('cancel', 'ยกเลิกฎีกา', EDITABLE, 'cancelled', 'elaas.voucher.prepare', needs_note=True,
                   pending=False, effect=_release),
    ],
)


def _charge_line(session: Session, actor: Principal, voucher: Voucher, line: VoucherLine) -> None:
    if line.budget_line_id is None:
        return
    budget_line = lock_line(session, actor.org_id, line.budget_line_id)
    ensure_usable(session, budget_line)
    if budget_line.fiscal_year != voucher.fiscal_year:
        raise ValidationFailed({'budget_line_id': f'รายการงบประมาณ: ต้องเป็นงบประมาณปี {voucher.fiscal_year} '
                                                  f'(ปีของวันที่ฎีกา)'})
    if line.commitment_id is None:
        charge(session, actor.org_id, budget_line.id, 'disbursed', line.amount, 'ฎีกา')
        return
    commitment = session.exec(select(Commitment).where(Commitment.id == line.commitment_id)
                              .with_for_update().execution_options(populate_existing=True)).one()
    if commitment.line_id != budget_line.id or commitment.status != 'open':
        raise ValidationFailed({'commitment_id': 'ก่อหนี้ผูกพัน: ต้องเป็นรายการที่ยังเปิดอยู่ของรายการงบประมาณนี้'})
    if line.amount > commitment.amount - commitment.used:
        raise ValidationFailed({'amount': f'จำนวนเงิน: เกินยอดก่อหนี้ผูกพันคงเหลือ '
                                          f'({format_money(commitment.amount - commitment.used)} บาท)'})
    commitment.used += line.amount
    commitment.status = 'closed' if commitment.used == commitment.amount else 'open'
    budget_line.committed -= line.amount
    budget_line.disbursed += line.amount
    session.add_all([commitment, budget_line])


def _uncharge(session: Session, actor: Principal, line: VoucherLine) -> None:
    if line.budget_line_id is None:
        return
    if line.commitment_id is None:
        charge(session, actor.org_id, line.budget_line_id, 'disbursed', -line.amount, 'คืนงบประมาณ')
        return
    budget_line = lock_line(session, actor.org_id, line.budget_line_id)
    commitment = session.get(Commitment, line.commitment_id)
    commitment.used -= line.amount
    commitment.status = 'open'
    budget_line.committed += line.amount
    budget_line.disbursed -= line.amount
    session.add_all([commitment, budget_line])


def _totals(session: Session, voucher: Voucher) -> None:
    """Gross from the lines; the VAT within it and the tax withheld on the rest by the tax rules in force on the
    voucher's date (apps/elaas/tax.py)."""
    lines = session.exec(select(VoucherLine).where(VoucherLine.voucher_id == voucher.id)).all()
    voucher.gross = checks.total(sum((x.amount for x in lines), Decimal('0')), 'amount', 'ยอดขอเบิกรวมของฎีกา')
    taxed = tax.withholding(voucher.gross, voucher.voucher_date, withhold=voucher.withhold,
                            payee_kind=voucher.payee_kind, income_type=voucher.income_type,
                            vat_included=voucher.vat_included)
    voucher.vat, voucher.wht = taxed.vat, taxed.wht
    voucher.net = voucher.gross - voucher.wht
    session.add(voucher)


def _line_from(clean: dict, org_id: int, voucher_id: int) -> VoucherLine:
    if not clean.get('budget_line_id') and not clean.get('account_code'):
        raise ValidationFailed({'budget_line_id': 'รายการงบประมาณ: กรุณาเลือก (หรือระบุบัญชีสำหรับเงินนอกงบประมาณ)'})
    if clean.get('budget_line_id') and clean.get('account_code'):
        raise ValidationFailed({'account_code': 'บัญชีนอกงบประมาณ: เลือกอย่างใดอย่างหนึ่งกับรายการงบประมาณ'})
    if clean.get('commitment_id') and not clean.get('budget_line_id'):
        raise ValidationFailed({'commitment_id': 'ก่อหนี้ผูกพัน: ต้องเลือกรายการงบประมาณของก่อหนี้นั้นด้วย'})
    amount = checks.amount(clean.get('amount'))
    return VoucherLine(org_id=org_id, voucher_id=voucher_id, budget_line_id=clean.get('budget_line_id'),
                       commitment_id=clean.get('commitment_id'), account_code=clean.get('account_code') or '',
                       description=clean.get('line_description') or '', amount=amount)


def _check_account(session: Session, org_id: int, clean: dict) -> None:
    if clean.get('account_code') and clean['account_code'] not in postable_accounts(session, org_id):
        raise ValidationFailed({'account_code': 'บัญชีนอกงบประมาณ: ไม่พบรหัสบัญชีที่บันทึกได้ในผังบัญชี'})


def new_voucher(session: Session, actor: Principal, clean: dict) -> Voucher:
    """File a voucher with its first line (the kit's create hook, numbered by the kit per fiscal year); the budget
    is taken now, refused below zero."""
    clean = {**clean, 'payee_tax_id': checks.tax_id(clean.get('payee_tax_id'), 'payee_tax_id')}
    clean = {**clean, 'payee_kind': clean.get('payee_kind') or 'juristic',  # a service caller may leave them out
             'income_type': clean.get('income_type') or 'goods'}
    header = {k: clean.get(k) for k in ('voucher_date', 'payee', 'payee_tax_id', 'description', 'division_id',
                                        'fund_source_id', 'number_text', 'supporting_docs', 'payee_kind',
                                        'income_type', 'payee_address', 'remits')}
    _check_account(session, actor.org_id, clean)
    requester_no = next_number(session, actor.org_id, requester_series(clean.get('division_id')),
                               clean['voucher_date']).text
    voucher = Voucher(org_id=actor.org_id, created_by=actor.user_id, fiscal_year=fiscal_year(clean['voucher_date']),
                      status=WORKFLOW.initial, withhold=bool(clean.get('withhold')), requester_no=requester_no,
                      vat_included=bool(clean.get('vat_included')),
                      **{k: v for k, v in header.items() if v is not None})
    session.add(voucher)
    session.flush()
    line = _line_from(clean, actor.org_id, voucher.id)
    session.add(line)
    session.flush()
    _charge_line(session, actor, voucher, line)
    _totals(session, voucher)
    return voucher


def create_voucher(actor: Principal, values: dict, key: str | None = None) -> int:
    """File a voucher through its register's rules (service callers and the demo)."""
    return create(REGISTRY['elaas/vouchers'], actor, values, key=key)


def _locked_voucher(session: Session, actor: Principal, voucher_id: int, version: int | None) -> Voucher:
    """The voucher loaded FOR UPDATE, refused when the page showed an older version of it."""
    voucher = session.exec(select(Voucher).where(Voucher.id == voucher_id, Voucher.org_id == actor.org_id)
                           .with_for_update()).first()
    if voucher is None:
        raise NotFound('ไม่พบฎีกานี้')
    check_version(session, REGISTRY['elaas/vouchers'], voucher, version)
    return voucher


def _editable_voucher(session: Session, actor: Principal, voucher_id: int, version: int | None) -> Voucher:
    voucher = _locked_voucher(session, actor, voucher_id, version)
    require(actor, 'elaas.voucher.prepare', voucher, where='elaas/vouchers')
    if voucher.status not in EDITABLE:
        raise Refusal(f'แก้ไขรายการไม่ได้ในสถานะ "{WORKFLOW.states[voucher.status]}"')
    return voucher


def _lines_changed(session: Session, actor: Principal, voucher: Voucher, action: str, what: str, data: dict) -> None:
    _totals(session, voucher)
    stamp(voucher, actor)
    session.add(voucher)
    audit.record_by(session, actor, action, 'Voucher', voucher.id, {**data, WHAT_KEY: what,
                                                                     VERSION_KEY: voucher.version})


def add_line(actor: Principal, voucher_id: int, clean: dict, *, version: int | None = None,
             key: str | None = None) -> int:
    """Add a line from a page that showed `version` of the voucher; a repeat of one submission `key` adds one."""
    def work(session: Session) -> int:
        voucher = _editable_voucher(session, actor, voucher_id, version)
        _check_account(session, actor.org_id, clean)
        line = _line_from(clean, actor.org_id, voucher.id)
        session.add(line)
        session.flush()
        _charge_line(session, actor, voucher, line)
        _lines_changed(session, actor, voucher, 'add_line', f'เพิ่มรายการ {format_money(line.amount)} บาท', clean)
        return line.id
    return submissions.once(actor, key, 'add_line elaas/vouchers', work)


def remove_line(actor: Principal, voucher_id: int, line_id: int, *, version: int | None = None) -> None:
    with db.session_scope(write=True) as session:
        voucher = _editable_voucher(session, actor, voucher_id, version)
        line = session.get(VoucherLine, line_id)
        if line is None or line.voucher_id != voucher.id:
            raise NotFound('ไม่พบรายการนี้ในฎีกา')
        _uncharge(session, actor, line)
        session.delete(line)
        session.flush()
        _lines_changed(session, actor, voucher, 'remove_line', f'ลบรายการ {format_money(line.amount)} บาท',
                       {'line_id': line_id, 'amount': line.amount})


def lines_of(actor: Principal, voucher_id: int) -> list[tuple[VoucherLine, str]]:
    """The voucher's lines with what each is charged to (one query: the lines with their budget lines and
    commitments)."""
    require(actor, 'elaas.voucher.view', where='elaas/vouchers')
    with db.session_scope() as session:
        rows = session.exec(select(Voucher.id, VoucherLine, BudgetLine, Commitment.number_text)
                            .join(VoucherLine, VoucherLine.voucher_id == Voucher.id, isouter=True)
                            .join(BudgetLine, BudgetLine.id == VoucherLine.budget_line_id, isouter=True)
                            .join(Commitment, Commitment.id == VoucherLine.commitment_id, isouter=True)
                            .where(Voucher.id == voucher_id, Voucher.org_id == actor.org_id)
                            .order_by(VoucherLine.id)).all()
        if not rows:
            raise NotFound('ไม่พบฎีกานี้')
        result = []
        for _, line, budget_line, commitment in rows:
            if line is None:  # a voucher without lines
                continue
            if budget_line is not None:
                target = line_label(budget_line) + (f' (ก่อหนี้ผูกพัน {commitment})' if line.commitment_id else '')
            else:
                target = f'บัญชี {line.account_code}'
            result.append((line, target))
        return result


def pay(actor: Principal, voucher_id: int, method: str, reference: str, paid_on: date | None, *,
        version: int | None = None, key: str | None = None) -> None:
    """Record the payment (method, cheque/transfer reference, date) and move the voucher to paid: once per
    submission `key`, refused when the page showed an older `version` of the voucher."""
    errors = {}
    if method not in PAY_METHODS:
        errors['pay_method'] = 'วิธีจ่าย: กรุณาเลือก'
    if method in ('cheque', 'transfer') and not reference.strip():
        errors['pay_reference'] = 'เลขที่เช็ค/อ้างอิงการโอน: กรุณากรอก'
    if paid_on is None:
        errors['paid_on'] = 'วันที่จ่าย: กรุณากรอก'
    if errors:
        raise ValidationFailed(errors)

    def work(session: Session) -> int:
        voucher = _locked_voucher(session, actor, voucher_id, version)  # one payment: the second waits, then sees
        if paid_on < voucher.voucher_date:
            raise ValidationFailed({'paid_on': 'วันที่จ่าย: ต้องไม่ก่อนวันที่ฎีกา'})
        if fiscal_year(paid_on) != voucher.fiscal_year:
            raise ValidationFailed({'paid_on': f'วันที่จ่าย: ต้องอยู่ในปีงบประมาณ {voucher.fiscal_year}'})
        try:
            books.ensure_open(session, actor.org_id, paid_on)
        except books.PeriodClosed as error:
            raise ValidationFailed({'paid_on': f'วันที่จ่าย: {error}'}) from error
        voucher.pay_method, voucher.pay_reference, voucher.paid_on = method, reference.strip(), paid_on
        WORKFLOW.apply(session, voucher, 'pay', actor, f'{PAY_METHODS[method]} {reference.strip()}')
        return voucher.id
    submissions.once(actor, key, 'pay elaas/vouchers', work)


def can_pay(actor: Principal, voucher: Voucher) -> bool:
    with db.session_scope() as session:
        return WORKFLOW.refusal(session, voucher, WORKFLOW.transition('pay'), actor) is None


def transition(actor: Principal, voucher_id: int, name: str, note: str = '', *, version: int | None = None) -> None:
    """A workflow move by a service caller (tests, demo); the kit's buttons take the same path."""
    move(REGISTRY['elaas/vouchers'], actor, voucher_id, name, note, version=version)
