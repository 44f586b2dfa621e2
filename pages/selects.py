"""A select of a list that may be long (the chart of accounts' 842 postable accounts, a decade of budget lines, a
register's references): the server keeps the whole list; the browser gets the chosen option and the first SHOWN,
and, as the user types, the first SHOWN that contain what was typed.

Why: NiceGUI wraps every option of a select in observable dicts and rebuilds them on each change of the select's
props, classes or label — 842 accounts cost 80–110 ms of the event loop, every other user's stall, and a browser
list of 842 rows. Here the build is at most SHOWN options, and a search is a scan of Python strings (< 1 ms for
thousands). A value set in code (a default, an address's query, a test) that is not among those shown joins them.
"""

from collections.abc import Mapping
from typing import Any

from nicegui import events, ui

SHOWN = 50


def _matching(choices: Mapping[Any, str], typed: str, chosen: Any) -> dict[Any, str]:
    """The first SHOWN choices whose label contains `typed` (ignoring case; as the browser filters), and the chosen."""
    needle = typed.strip().casefold()
    found: dict[Any, str] = {}
    for value, label in choices.items():
        if len(found) == SHOWN:
            break
        if not needle or needle in str(label).casefold():
            found[value] = label
    if chosen is not None and chosen in choices and chosen not in found:
        found = {chosen: choices[chosen], **found}
    return found


class LongSelect(ui.select):
    """ui.select over `choices` of any length; searched on the server once longer than SHOWN (marker-friendly:
    options, value and events are ui.select's own)."""

    def __init__(self, choices: Mapping[Any, str], *, value: Any = None, searchable: bool = False,
                 **kwargs: Any) -> None:
        self.choices = dict(choices)
        long = len(self.choices) > SHOWN
        kept = value if value in self.choices else None
        super().__init__(_matching(self.choices, '', kept), value=kept, with_input=searchable or long, **kwargs)
        if long:
            with self.add_slot('after-options'):
                self._count = ui.label().classes('px-4 py-1 text-xs text-slate-500')
            self._counted('')
            self.on('input-value', self._search)

    def _counted(self, typed: str) -> None:
        total = sum(1 for label in self.choices.values() if typed.strip().casefold() in str(label).casefold())
        self._count.text = (f'แสดง {min(total, SHOWN):,} จาก {total:,} รายการ พิมพ์เพื่อค้นหา' if total > SHOWN
                            else f'พบ {total:,} รายการ')

    def _search(self, e: events.GenericEventArguments) -> None:
        typed = e.args if isinstance(e.args, str) else ''
        self.set_options(_matching(self.choices, typed, self.value))
        self._counted(typed)

    def _value_to_model_value(self, value: Any) -> Any:
        if value is not None and value in self.choices and value not in self._values:
            self.options = {value: self.choices[value], **self.options}  # set in code: it joins those shown
            self._update_values_and_labels()
            self._props['options'] = [{'value': i, 'label': label} for i, label in enumerate(self._labels)]
        return super()._value_to_model_value(value)
