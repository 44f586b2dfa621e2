"""Speed-ups of NiceGUI's internals, installed by main.build(); tests/pages/test_patches.py checks each one.

`expects_arguments`: NiceGUI asks whether a change handler takes an argument with `inspect.signature` every time an
element makes its classes, style and props (three observable collections, each with a bound-method handler), so a
page of 100 elements spends a fifth of its server time in `inspect` (measured with py-spy under bench/load.py). A
bound method's answer depends only on its function, so it is remembered per function; anything else is asked as
before.

`one page per tab`: NiceGUI keeps a page that lost its connection for the reconnect timeout (10 s here, so a
network hiccup does not lose the page). Going from page to page in a tab, every page left behind was kept so, three
per busy user, and the garbage collector walked them all (bench/load.py). A browser tab keeps its tab id from page to
page, so once a tab's new page has connected, its earlier pages that have lost their connection can never come
back: they are deleted at once, as NiceGUI would have done after the timeout.

`free deleted elements at once`: every element keeps its classes, style and props in three observable collections,
and each collection holds its own change handler, a bound method of itself: a reference cycle. An element is freed
by reference counting as soon as its page deletes it, but its three collections waited for the garbage collector's
full collection, which stops every user (bench/load.py: about 85 % of the cyclic garbage a deleted page left).
When a page removes its elements, their collections' handlers are dropped, so the collections go with the element.

`calls in their caller's context` (not a speed-up: the fence, core/db.py): NiceGUI's `run.io_bound` hands its call to
a thread pool without the caller's context variables, and a pool thread keeps what an earlier call set there. The
pool is replaced by one that runs each call in a copy of its caller's context (as `asyncio.to_thread` does): the
tenant a page's task acts for reaches its own calls, and nothing a call sets stays behind for the next user's call.
"""

import contextvars
import weakref
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from nicegui import Client, app, helpers, run
from nicegui.element import Element

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


def drop_pages_left_behind(client: Client) -> None:
    """Delete the pages this tab showed before, now that it shows this one (those still connected are kept)."""
    tab = client.tab_id
    if tab is None:
        return
    for other in list(Client.instances.values()):
        if other is not client and other._pinned_tab_id == tab and not other.has_socket_connection:  # noqa: SLF001
            for document in list(other._delete_tasks):  # noqa: SLF001 - NiceGUI's own timed deletion, ended
                other._cancel_delete_task(document)  # noqa: SLF001
            other._num_connections.clear()  # noqa: SLF001
            other.delete()


_remove_elements = Client.remove_elements


def remove_elements(self: Client, elements: Iterable[Element]) -> None:
    """NiceGUI's removal, then the cycles of each removed element's classes, style and props are broken."""
    removed = list(elements)
    _remove_elements(self, removed)
    for element in removed:
        for collection in (element._classes, element._style, element._props):  # noqa: SLF001
            collection._change_handlers.clear()  # noqa: SLF001


class CallsInTheirContext(ThreadPoolExecutor):
    """A thread pool that runs each call in a copy of the context it was submitted from."""

    def submit(self, fn, /, *args, **kwargs):
        return super().submit(contextvars.copy_context().run, fn, *args, **kwargs)


def install() -> None:
    if not isinstance(run.thread_pool, CallsInTheirContext):  # NiceGUI's tests' run.reset() makes a plain one again
        run.thread_pool.shutdown(wait=False)
        run.thread_pool = CallsInTheirContext()
    helpers.expects_arguments = expects_arguments
    Client.remove_elements = remove_elements
    app.on_connect(drop_pages_left_behind)
