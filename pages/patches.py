"""Speed-ups of NiceGUI's internals, installed when the pages load; tests/pages/test_patches.py checks each one.

`expects_arguments`: NiceGUI asks whether a change handler takes an argument with `inspect.signature` every time an
element makes its classes, style and props (three observable collections, each with a bound-method handler), so a
page of 100 elements spends a fifth of its server time in `inspect` (measured with py-spy under bench/load.py). A
bound method's answer depends only on its function, so it is remembered per function; anything else is asked as
before.
"""

import weakref
from collections.abc import Callable

from nicegui import helpers

_asked: Callable[[Callable], bool] = helpers.expects_arguments
_known: 'weakref.WeakKeyDictionary[Callable, bool]' = weakref.WeakKeyDictionary()


def expects_arguments(func: Callable) -> bool:
    """NiceGUI's answer, remembered for bound methods (by their function)."""
    function = getattr(func, '__func__', None)
    if function is None or getattr(func, '__self__', None) is None:
        return _asked(func)
    try:
        return _known[function]
    except (KeyError, TypeError):
        answer = _asked(func)
        try:
            _known[function] = answer
        except TypeError:  # not weakly referable: ask again next time
            pass
        return answer


def install() -> None:
    helpers.expects_arguments = expects_arguments
