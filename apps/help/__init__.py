"""Help (คู่มือ): the in-app manual, one folder of Thai Markdown pages per app under docs/."""

from core.menu import AppSpec, MenuEntry

APP = AppSpec(
    key='help', title='คู่มือ', icon='help_outline', order=800,
    description='คู่มือการใช้งานแต่ละระบบ อยู่ในเครื่อง ใช้ได้แม้ไม่มีอินเทอร์เน็ต',
    entries=(MenuEntry('คู่มือการใช้งาน', '/help', 'help.view'),),
    permissions={'help.view': 'อ่านคู่มือการใช้งาน'},
)
