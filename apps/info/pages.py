"""Info pages."""


def register() -> None:
    pass
