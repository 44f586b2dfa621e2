"""pages/patches.py: NiceGUI's internals sped up without changing an answer."""

import functools

from nicegui import helpers

from pages import patches


class Handlers:
    def plain(self) -> None: ...

    def takes(self, event) -> None: ...

    def defaulted(self, event=None) -> None: ...

    def starred(self, *args, **kwargs) -> None: ...

    @classmethod
    def of_class(cls, event) -> None: ...

    def __call__(self, event) -> None: ...


def _callables() -> list:
    a, b = Handlers(), Handlers()
    return [a.plain, a.takes, b.takes, a.defaulted, a.starred, Handlers.of_class, a, lambda: None, lambda e: None,
            functools.partial(lambda x, e: None, 1), functools.partial(lambda x: None, 1), Handlers.takes]


def test_answers_are_nicegui_s_own_and_installed() -> None:
    assert helpers.expects_arguments is patches.expects_arguments
    for _ in range(2):  # the second time from memory
        assert [patches.expects_arguments(f) for f in _callables()] == [patches._asked(f) for f in _callables()]
    assert [patches.expects_arguments(f) for f in _callables()][:4] == [False, True, True, False]

