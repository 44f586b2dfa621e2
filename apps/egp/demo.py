def seed_demo(context) -> None:
    pass
