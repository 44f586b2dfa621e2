"""Matching the values a spreadsheet writes in a lookup column (division, แผนงาน, งาน, ประเภท, fund source, strategy)
to the column's options, the way officers write them: by code, by exact name, as "code name", by the name with
other spacing or punctuation, by a former name (assets/codes/former_names.csv, dated and citing where it was seen),
or as the officer chose once before for this LAO and register. A value matched by none is refused with the closest
names offered, and the officer's choice is kept (models.imports.ImportChoice) for the next file.

Each distinct value of a column is matched once; the options, codes and saved choices are read once per column."""

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from core.thai import format_date, to_arabic_digits
from models.imports import ImportChoice

FORMER_NAMES = Path(__file__).resolve().parent.parent / 'assets' / 'codes' / 'former_names.csv'

RULES = {  # how a value was matched, as the preview tells the officer
    'key': 'ตรงรหัส', 'name': 'ตรงชื่อ', 'saved': 'ตามที่เลือกไว้ครั้งก่อน', 'code': 'ตรงรหัส',
    'code_name': 'ตามรหัสหน้าชื่อ', 'loose': 'ชื่อเดียวกันเมื่อไม่นับช่องว่างและเครื่องหมาย', 'former': 'ชื่อเดิม',
}
EXACT = ('key', 'name', 'code')  # the rules a preview does not need to show


def loose(text: Any) -> str:
    """The text without spaces, punctuation or symbols, Thai digits as Arabic, case folded: the form two spellings
    of one name share ("การศาสนา วัฒนธรรม และนันทนาการ" and "การศาสนาวัฒนธรรมและนันทนาการ")."""
    text = to_arabic_digits(str(text or ''))
    return ''.join(ch for ch in text if unicodedata.category(ch)[0] not in 'PSZC').casefold()


@dataclass(frozen=True)
class Former:
    former: str
    current: str
    until: str  # ISO date the former name was last in use, '' when not known
    source: str


@cache
def former_names() -> tuple[Former, ...]:
    """The dated list of former names of code-list entries (former name -> the name in use now)."""
    with FORMER_NAMES.open(encoding='utf-8') as handle:
        return tuple(Former(r['former'], r['current'], r['until'], r['source']) for r in csv.DictReader(handle))


@dataclass(frozen=True)
class Match:
    key: Any
    rule: str  # a key of RULES
    label: str  # the option's label
    note: str = ''  # e.g. the former name and its date


_CODE_NAME = re.compile(r'^\s*([0-9A-Za-z๐-๙][0-9A-Za-z๐-๙./\-]*)[.\s]\s*(.+)$')


def _bare(label: str, code: str) -> str:
    """A label without its code in front ("00111 งานบริหารทั่วไป" -> "งานบริหารทั่วไป")."""
    return label[len(code):].strip() if code and label.startswith(f'{code} ') else label


class Lookup:
    """The options of one lookup column and every way a file may name them."""

    def __init__(self, options: dict[Any, str], codes: dict[Any, str] | None = None,
                 saved: dict[str, str] | None = None) -> None:
        self.options = options
        # an option keyed by a record's id is never matched by that id: "6" in a file is a code or a name, not id 6
        self.by_key = {str(k): k for k in options if not isinstance(k, int)}
        self.by_label = {label: k for k, label in options.items()}
        self.codes: dict[str, Any] = {}
        self.names: dict[Any, str] = {}
        forms: dict[str, set] = {}
        by_code: dict[str, set] = {}
        for key, label in options.items():
            code = str((codes or {}).get(key) or '')
            if code:
                by_code.setdefault(code, set()).add(key)
            name = _bare(_bare(label, code), str(key))
            self.names[key] = name
            plain = re.sub(r'\s*\([^)]*\)\s*', ' ', name).strip()  # "เงินงบประมาณ (ข้อบัญญัติ/เทศบัญญัติ)"
            for form in {label, name, plain, name.removeprefix('แผนงาน')}:
                if loose(form):
                    forms.setdefault(loose(form), set()).add(key)
        self.loose = {form: next(iter(keys)) for form, keys in forms.items() if len(keys) == 1}  # never a guess
        named: dict[str, set] = {}
        for key, name in self.names.items():
            named.setdefault(name, set()).add(key)
        self.by_name = {name: next(iter(keys)) for name, keys in named.items() if len(keys) == 1}  # "งานบริหารงานคลัง"
        self.codes = {code: next(iter(keys)) for code, keys in by_code.items() if len(keys) == 1}  # nor here
        unpadded: dict[str, set] = {}  # a code a spreadsheet took for a number lost its leading zeros: 00111 -> 111
        for code, key in [*self.by_key.items(), *self.codes.items()]:
            if code.isdigit() and code.startswith('0'):
                unpadded.setdefault(code.lstrip('0'), set()).add(key)
        self.unpadded = {code: next(iter(keys)) for code, keys in unpadded.items() if len(keys) == 1}
        by_str = {str(k): k for k in options}
        self.saved = {source: by_str[value] for source, value in (saved or {}).items() if value in by_str}
        self.former = {loose(f.former): f for f in former_names()}

    def find(self, value: Any) -> Match | None:
        text = re.sub(r'\s+', ' ', str(value)).strip()
        if text in self.by_key:
            return self._hit(self.by_key[text], 'key')
        if text in self.by_label:
            return self._hit(self.by_label[text], 'name')
        if text in self.by_name:  # the name alone, as the list shows it after its code
            return self._hit(self.by_name[text], 'name')
        form = loose(text)
        if form in self.saved:
            return self._hit(self.saved[form], 'saved')
        if (bare := to_arabic_digits(text).rstrip('.')) in self.codes:  # "1.2", "๖." as a tactic's code
            return self._hit(self.codes[bare], 'code')
        if text in self.unpadded and text not in self.by_key:
            return self._hit(self.unpadded[text], 'code')
        if (parts := _CODE_NAME.match(text)) is not None:
            code = to_arabic_digits(parts.group(1)).rstrip('.')
            key = self.codes.get(code, self.by_key.get(code))
            named = {loose(self.names[key]), loose(self.options[key])} if key is not None else set()
            if key is not None and loose(parts.group(2)) in named:
                return self._hit(key, 'code_name')
            if (former := self.former.get(loose(parts.group(2)))) is not None and loose(former.current) in named:
                return self._hit(key, 'code_name', self._former_note(former))  # the code and the name it had
        if form in self.loose:
            return self._hit(self.loose[form], 'loose')
        if (former := self.former.get(form)) is not None and loose(former.current) in self.loose:
            return self._hit(self.loose[loose(former.current)], 'former', self._former_note(former))
        return None

    @staticmethod
    def _former_note(former: Former) -> str:
        until = f' (ใช้ถึง {format_date(date.fromisoformat(former.until))})' if former.until else ''
        return f'"{former.former}"{until} → "{former.current}"'

    def _hit(self, key: Any, rule: str, note: str = '') -> Match:
        return Match(key, rule, self.options[key], note)

    def closest(self, value: Any, n: int = 3) -> list[str]:
        """The option labels nearest the value, nearest first."""
        by_form = {}
        for key, label in self.options.items():
            by_form.setdefault(loose(self.names[key]), label)
        near = difflib.get_close_matches(loose(value), list(by_form), n=n, cutoff=0.5)
        return [by_form[form] for form in near]

    def refusal(self, label: str, value: Any) -> str:
        """The one message of a value matched by no option: the value and the closest names."""
        text = re.sub(r'\s+', ' ', str(value)).strip()
        near = self.closest(text)
        hint = ('ใกล้เคียง: ' + ', '.join(f'"{c}"' for c in near)) if near else 'เลือกค่าที่ตรงกันในขั้นจับคู่ค่า'
        return f'{label}: ไม่พบ "{text}" ในรายการ ({hint})'


def saved_choices(session: Session, org_id: int, register: str) -> dict[str, dict[str, str]]:
    """The officer's earlier choices for a register: field -> {value in loose form: option key as text}."""
    found: dict[str, dict[str, str]] = {}
    for choice in session.exec(select(ImportChoice).where(ImportChoice.org_id == org_id,
                                                          ImportChoice.resource == register)).all():
        found.setdefault(choice.field, {})[choice.source] = choice.value
    return found


def remember(session: Session, org_id: int, user_id: int | None, register: str, field: str,
             chosen: dict[str, Any]) -> dict[str, str]:
    """Keep the officer's choices (value as written -> option key) for the register's next imports; a later choice
    for the same value replaces the earlier one. Returns what was kept, in loose form."""
    kept = {}
    for text, key in chosen.items():
        source = loose(text)[:300]
        if not source:
            continue
        row = session.exec(select(ImportChoice).where(
            ImportChoice.org_id == org_id, ImportChoice.resource == register, ImportChoice.field == field,
            ImportChoice.source == source)).first()
        if row is None:
            row = ImportChoice(org_id=org_id, resource=register, field=field, source=source, value='',
                               created_by=user_id)
        else:
            row.version += 1
        row.value = str(key)[:100]
        session.add(row)
        kept[source] = row.value
    return kept
