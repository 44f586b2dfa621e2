"""The one refusal type: a Thai message a user may read, plus optional per-field errors.

Services raise it (or one of its kinds below); the kit's pages show the message and put each field's error
next to its input. Nothing matches errors by parsing their text: a page asks `error.errors` for fields and
the kind (`isinstance`) for what to offer next (sign in again, reload the newer version).
"""

from typing import Any


class Refusal(Exception):
    """The action is refused for a reason the user can act on (Thai); `errors`: field name -> Thai message."""

    def __init__(self, message: str = '', errors: dict[str, str] | None = None) -> None:
        self.errors: dict[str, str] = dict(errors or {})
        self.message = message or '\n'.join(self.errors.values()) or 'ทำรายการไม่ได้'
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class ValidationFailed(Refusal):
    """Field name -> Thai message; the form shows each next to its field and keeps every value typed."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__('', errors)


class Denied(Refusal):
    """The user lacks the permission (or the record is outside their scope)."""

    def __init__(self, permission: str = '', message: str | None = None) -> None:
        self.permission = permission
        super().__init__(message or f'ท่านไม่มีสิทธิ์ดำเนินการนี้ ({permission})')


class NotFound(Refusal):
    """The record does not exist in the user's organisation (or was deleted meanwhile)."""


class Conflict(Refusal):
    """Someone else changed the record since this user opened it; `changes` says who changed what."""

    def __init__(self, message: str, changes: list[dict[str, Any]] | None = None,
                 errors: dict[str, str] | None = None) -> None:
        self.changes = list(changes or [])  # [{'field', 'label', 'old', 'new', 'by', 'at'}]
        super().__init__(message, errors)


SIGNED_OUT = 'การเข้าสู่ระบบสิ้นสุดแล้ว รายการล่าสุดยังไม่ถูกบันทึก กรุณาเข้าสู่ระบบใหม่'


class SignedOut(Refusal):
    """The session behind a page has ended (signed out, expired, account deactivated): sign in again."""

    def __init__(self, message: str = SIGNED_OUT) -> None:
        super().__init__(message)
