"""Column types shared by the models: exact money.

Money is a Decimal of 2 places in Python on both databases. PostgreSQL stores it as NUMERIC(14,2); SQLite has no
exact decimal (its NUMERIC affinity keeps REAL floats: 99,999,999,999,999.99 reads back as …98), so there it is an
INTEGER count of satang, and SUM over it stays exact. One declared range, ±MONEY_MAX, is what NUMERIC(14,2) holds;
the form, the Excel import and the services check it first with a Thai message naming the field, and the binding
below refuses anything else so no amount is ever rounded or overflowed silently.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Integer, Numeric
from sqlalchemy.sql import operators
from sqlalchemy.types import BigInteger, TypeDecorator
from sqlmodel import Field

MONEY_MAX = Decimal('999999999999.99')
MONEY_MIN = -MONEY_MAX
CENT = Decimal('0.01')
MONEY_INTEGER_DIGITS = 12  # digits before the point that NUMERIC(14,2) holds


class MoneyError(ValueError):
    """A value that is not an amount the money columns hold exactly; the message is the Thai reason."""


def _baht(amount: Decimal) -> str:
    return f'{amount:,.2f}'


def money_range_error(amount: Decimal, minimum: Decimal = MONEY_MIN, maximum: Decimal = MONEY_MAX) -> str | None:
    """The Thai reason an amount is outside [minimum, maximum], or None. Exact at any size (no arithmetic)."""
    if amount > maximum:
        return f'ต้องไม่เกิน {_baht(maximum)} บาท'
    if amount < minimum:
        return f'ต้องไม่น้อยกว่า {_baht(minimum)} บาท'
    return None


def to_money(value: Any) -> Decimal:
    """`value` as an exact amount of 2 places within ±MONEY_MAX; MoneyError (Thai reason) for anything else.

    A float goes through its shortest text (0.29, not 0.28999…); an amount with more than 2 places is refused,
    never rounded, unless the extra places are zeros (1.230).
    """
    if isinstance(value, bool):
        raise MoneyError('ต้องเป็นตัวเลขจำนวนเงิน')
    try:
        amount = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise MoneyError('ต้องเป็นตัวเลขจำนวนเงิน') from None
    if not amount.is_finite():
        raise MoneyError('ต้องเป็นตัวเลขจำนวนเงิน')
    if problem := money_range_error(amount):
        raise MoneyError(problem)
    cents = amount.quantize(CENT)  # at most 12 + 2 digits here: within the default context's 28
    if cents != amount:
        raise MoneyError('มีทศนิยมได้ไม่เกิน 2 ตำแหน่ง')
    return cents + 0  # + 0 turns -0.00 into 0.00


class Money(TypeDecorator):
    """Exact money: NUMERIC(14,2) on PostgreSQL, integer satang on SQLite; Decimal (2 places) in Python.

    In SQL, money adds to and subtracts from money (SUM, balances, remaining budget) and multiplies by an integer;
    other arithmetic would mean different things in satang and in baht, so it is refused when the query is built.
    """

    impl = Numeric(14, 2)
    cache_ok = True

    class comparator_factory(TypeDecorator.Comparator, Numeric.Comparator):  # noqa: N801 (SQLAlchemy's name)
        def _adapt_expression(self, op, other_comparator):
            other = other_comparator.type
            if op in (operators.add, operators.sub) and isinstance(other, Money):
                return op, self.type
            if op is operators.mul and isinstance(other, Integer):
                return op, self.type
            raise TypeError(f'money {op.__name__} {type(other).__name__} in SQL: compute it in Python instead')

    def coerce_compared_value(self, op, value):
        """A literal next to money is money (compared in satang on SQLite), except an integer factor."""
        if op is operators.mul and isinstance(value, int):
            return Integer()
        return self

    def load_dialect_impl(self, dialect):
        if dialect.name == 'sqlite':
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(14, 2, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        amount = to_money(value)
        return int(amount.scaleb(2)) if dialect.name == 'sqlite' else amount

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == 'sqlite':
            if isinstance(value, float):  # not a stored value: an aggregate such as AVG over satang
                return Decimal(repr(value)).scaleb(-2).quantize(CENT)
            return Decimal(int(value)).scaleb(-2)  # integer satang, sums included: exact
        return Decimal(value).quantize(CENT)


def money(**kwargs: Any) -> Any:
    """A money column: exact Decimal, 0.00 unless the caller gives another default (or None for an optional one)."""
    kwargs.setdefault('default', Decimal('0.00'))
    return Field(sa_type=Money, **kwargs)
