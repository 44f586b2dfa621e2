"""A page that fails shows the Thai error page with a reference that is also in the server's log line."""

import asyncio
import logging
import re
import threading
import time

import pytest
from nicegui import run, ui
from nicegui.testing import User

from core import settings
from helpers import sign_in
from pages.layout import Viewer, frame, page

REFERENCE = re.compile(r'รหัสอ้างอิง ([0-9A-F]{8})')


def _failures(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


async def _open_failing(user: User, path: str) -> str:
    response = await user.http_client.get(path)
    assert response.status_code == 500
    assert 'เกิดข้อผิดพลาด' in response.text and 'Internal Server Error' not in response.text
    match = REFERENCE.search(response.text)
    assert match, response.text[-2000:]
    return match.group(1)


async def test_a_page_that_raises_shows_the_thai_error_page(user: User, caplog: pytest.LogCaptureFixture) -> None:
    @page('/test/raises', title='หน้าทดสอบ')
    async def raises(viewer: Viewer) -> None:
        with frame(viewer, 'หน้าทดสอบ'):
            raise RuntimeError('a builder bug')

    await sign_in(user, 'clerk', expect='สวัสดี')
    reference = await _open_failing(user, '/test/raises')
    assert 'เกิดข้อผิดพลาดในการแสดงหน้านี้' in (await user.http_client.get('/test/raises')).text
    failures = _failures(caplog)
    assert len(failures) == 2  # one line per failure (two requests), not NiceGUI's repeat of the traceback
    line = failures[0].getMessage()
    assert reference in line and '/test/raises' in line and 'a builder bug' in line
    assert failures[0].exc_info and failures[0].exc_info[0] is RuntimeError
    caplog.clear()  # the ERROR lines were the point


async def test_a_page_past_its_time_shows_the_thai_error_page(user: User, caplog: pytest.LogCaptureFixture,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    await sign_in(user, 'clerk', expect='สวัสดี')  # at the usual limit: a busy machine may take longer than 0.2 s
    monkeypatch.setenv('LAO_PAGE_TIMEOUT', '0.2')
    settings.configure()
    never = asyncio.Event()

    @page('/test/hangs', title='หน้าทดสอบ')
    async def hangs(viewer: Viewer) -> None:
        with frame(viewer, 'หน้าทดสอบ'):
            await never.wait()

    @page('/test/slow-query', title='หน้าทดสอบ')
    async def slow_query(viewer: Viewer) -> None:  # a query in a worker thread: run.io_bound swallows cancellation
        with frame(viewer, 'หน้าทดสอบ'):
            rows = await run.io_bound(threading.Event().wait, 2)
            ui.label(f'{len(rows)} rows')  # never reached in time (and None if it were)

    reference = await _open_failing(user, '/test/hangs')
    [failure] = _failures(caplog)
    assert reference in failure.getMessage() and 'longer than 0.2 s' in failure.getMessage()
    started = time.monotonic()
    response = await user.http_client.get('/test/slow-query')
    assert time.monotonic() - started < 1.5  # the error page comes at the limit, not when the query ends
    assert response.status_code == 500 and 'หน้านี้ใช้เวลาโหลดนานเกินไป' in response.text
    caplog.clear()


async def test_a_refusal_escaping_a_page_shows_its_thai_message(user: User, caplog: pytest.LogCaptureFixture) -> None:
    from core.errors import NotFound

    @page('/test/refuses', title='หน้าทดสอบ')
    async def refuses(viewer: Viewer) -> None:
        raise NotFound('ไม่พบฎีกาเลขที่ 99')

    await sign_in(user, 'clerk', expect='สวัสดี')
    await _open_failing(user, '/test/refuses')
    assert 'ไม่พบฎีกาเลขที่ 99' in (await user.http_client.get('/test/refuses')).text
    caplog.clear()


async def test_a_slow_page_answers_with_its_shell_and_finishes_over_the_connection(
        user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('LAO_FIRST_PAINT', '0.05')
    settings.configure()
    ready = asyncio.Event()

    @page('/test/slow', title='หน้าทดสอบ')
    async def slow(viewer: Viewer) -> None:
        await ready.wait()  # data still loading when the answer goes out
        with frame(viewer, 'หน้าทดสอบ'):
            ui.label('ข้อมูลพร้อมแล้ว')

    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open('/test/slow')  # answered although the builder has not finished
    await user.should_see(marker='page-loading')
    await user.should_not_see('ข้อมูลพร้อมแล้ว')
    ready.set()
    await user.should_see('ข้อมูลพร้อมแล้ว')
    await user.should_not_see(marker='page-loading')


async def test_a_slow_page_that_fails_shows_the_thai_error_in_place(
        user: User, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('LAO_FIRST_PAINT', '0.05')
    settings.configure()
    ready = asyncio.Event()

    @page('/test/slow-fails', title='หน้าทดสอบ')
    async def slow_fails(viewer: Viewer) -> None:
        await ready.wait()
        raise RuntimeError('a late builder bug')

    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open('/test/slow-fails')
    await user.should_see(marker='page-loading')
    ready.set()
    await user.should_see(marker='error-page')
    await user.should_see('เกิดข้อผิดพลาดในการแสดงหน้านี้')
    [failure] = _failures(caplog)
    assert 'a late builder bug' in failure.getMessage() and '/test/slow-fails' in failure.getMessage()
    caplog.clear()


async def test_a_failing_button_tells_the_user_in_thai_with_a_reference(
        user: User, caplog: pytest.LogCaptureFixture) -> None:
    @page('/test/failing-button', title='หน้าทดสอบ')
    async def failing_button(viewer: Viewer) -> None:
        def broken() -> None:
            raise RuntimeError('a handler bug')
        with frame(viewer, 'หน้าทดสอบ'):
            ui.button('กดที่นี่', on_click=broken).mark('broken')

    await sign_in(user, 'clerk', expect='สวัสดี')
    await user.open('/test/failing-button')
    user.find(marker='broken').click()
    await user.should_see('ทำรายการไม่สำเร็จ')
    [failure] = _failures(caplog)
    assert 'a handler bug' in failure.getMessage() and '/test/failing-button' in failure.getMessage()
    reference = re.search(r'reference ([0-9A-F]{8})', failure.getMessage()).group(1)
    await user.should_see(f'รหัสอ้างอิง {reference}')
    caplog.clear()


async def test_an_address_no_page_answers_is_a_thai_page_with_a_way_home(user: User) -> None:
    for address in ('/no/such/page', '/elaas/reports/no-such-report'):
        response = await user.http_client.get(address)
        assert response.status_code == 404
        assert 'ไม่พบหน้าที่ต้องการ' in response.text and 'กลับหน้าหลัก' in response.text, address
        assert 'Not Found' not in response.text
