"""pages/patches.py: NiceGUI's internals sped up without changing an answer."""

import functools
import gc
from collections import Counter

from nicegui import Client, helpers
from nicegui.testing import User

from helpers import sign_in
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


async def test_answers_are_nicegui_s_own_and_installed(user: User) -> None:
    """Installed by the app's build (the fixture builds it); each answer the one NiceGUI gives."""
    assert helpers.expects_arguments is patches.expects_arguments
    for _ in range(2):  # the second time from memory
        assert [patches.expects_arguments(f) for f in _callables()] == [patches._asked(f) for f in _callables()]
    assert [patches.expects_arguments(f) for f in _callables()][:4] == [False, True, True, False]



def _disconnect(client: Client) -> None:
    """What the server sees when a browser leaves a page: its socket goes."""
    for socket_id in list(client._socket_to_document_id):
        client.handle_disconnect(socket_id)


async def test_a_tab_s_page_left_behind_goes_when_its_next_page_connects(user: User, create_user) -> None:
    await sign_in(user, 'clerk', expect='สวัสดี')
    left = await user.open('/eoffice/incoming')
    _disconnect(left)  # the browser went on to the next page
    assert left.id in Client.instances  # NiceGUI keeps it for the reconnect timeout, in case the network dropped
    await user.open('/eoffice/outgoing')  # the same tab's next page connects
    assert left.id not in Client.instances

    other_tab = create_user()  # a page of another tab that lost its connection may still come back: kept
    await sign_in(other_tab, 'clerk', expect='สวัสดี')
    elsewhere = await other_tab.open('/eoffice/incoming')
    _disconnect(elsewhere)
    await user.open('/eoffice/memo')
    assert elsewhere.id in Client.instances


async def test_a_deleted_page_leaves_its_elements_to_reference_counting(user: User) -> None:
    """A record page deleted: its elements' classes, style and props go with them, not into cyclic garbage that only
    a full collection (which stops every user) would free. Before the patch a voucher page left about 250 of each."""
    from apps.elaas.resources import VOUCHERS
    from core import resource
    from helpers import principal
    actor = principal('accountant')
    await sign_in(user, 'accountant', expect=actor.full_name)
    first, second = resource.query(VOUCHERS, actor, per_page=2).rows
    await user.open(f'{VOUCHERS.path}/{first.id}')
    await user.should_see(marker='voucher-lines')
    shown = user.client
    elements = len(shown.elements)
    await user.open(f'{VOUCHERS.path}/{second.id}')
    await user.should_see(marker='voucher-lines')
    gc.collect()
    gc.disable()
    try:
        shown.delete()
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = Counter(type(o).__name__ for o in gc.garbage if type(o).__name__ in ('Classes', 'Style', 'Props'))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert elements > 30
    assert sum(left.values()) <= 3 * 3, left  # a client's own few, not three per element
