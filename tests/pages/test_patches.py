"""pages/patches.py: NiceGUI's internals sped up without changing an answer."""

import functools

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
