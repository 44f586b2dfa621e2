"""Uploads limited by size on the server, before the body is read.

`ui.upload(max_file_size=...)` only asks the browser (Quasar) to refuse a large file; a client that ignores it would
still stream the whole body into the server's temporary files. `LimitedUpload` registers its upload URL with its
limit, and the `UploadLimit` middleware answers 413 from the request's Content-Length (411 without one) before the
body is read. `core.files.check` still checks the content itself.
"""

from nicegui import ui

# Upload URL -> largest accepted request body. Per process by nature: an upload element and its route live in the
# process that built the page (sticky sessions behind a proxy keep the browser there).
_limits: dict[str, int] = {}
MULTIPART_OVERHEAD = 64 * 1024  # boundary lines and part headers around the one file


class LimitedUpload(ui.upload):
    """A ui.upload whose size limit the server enforces too."""

    def __init__(self, max_bytes: int, **kwargs) -> None:
        super().__init__(max_file_size=max_bytes, **kwargs)
        self.max_bytes = max_bytes
        _limits[self._registered_url] = max_bytes + MULTIPART_OVERHEAD
        if not kwargs.get('on_rejected'):
            self.on_rejected(lambda: ui.notify(f'ไฟล์มีขนาดเกินกำหนด {max_bytes / 1048576:,.0f} MB', type='negative'))

    def _handle_delete(self) -> None:
        _limits.pop(self._registered_url, None)
        super()._handle_delete()


def limit_for(path: str) -> int | None:
    return _limits.get(path)


class UploadLimit:
    """ASGI middleware: refuse an oversized upload to a LimitedUpload's URL from its headers alone."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope['type'] == 'http' and scope.get('method') == 'POST':
            limit = _limits.get(scope.get('path', ''))
            if limit is not None:
                headers = dict(scope.get('headers') or [])
                length = headers.get(b'content-length')
                if length is None or not length.isdigit():
                    await _answer(send, 411, 'ต้องระบุขนาดไฟล์ (Content-Length)')
                    return
                if int(length) > limit:
                    await _answer(send, 413, f'ไฟล์มีขนาดเกินกำหนด {(limit - MULTIPART_OVERHEAD) / 1048576:,.0f} MB')
                    return
        await self.app(scope, receive, send)


async def _answer(send, status: int, message: str) -> None:
    body = message.encode()
    await send({'type': 'http.response.start', 'status': status,
                'headers': [(b'content-type', b'text/plain; charset=utf-8'),
                            (b'content-length', str(len(body)).encode()), (b'connection', b'close')]})
    await send({'type': 'http.response.body', 'body': body})
