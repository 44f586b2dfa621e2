"""Info registers, declared."""

from core.resource import FormField, Resource, Shared
from models.info import Village

VILLAGES = Resource(
    app='info', key='villages', model=Village, title='หมู่บ้าน', title_plural='ทะเบียนหมู่บ้าน',
    natural_key=('number',),
    fields=[
        FormField('number', 'หมู่ที่', 'int', required=True, min=1, max=99),
        FormField('name', 'ชื่อหมู่บ้าน', required=True),
        FormField('head_name', 'ผู้ใหญ่บ้าน'),
        FormField('households', 'จำนวนครัวเรือน', 'int', min=0, max=100_000, default='0'),
        FormField('population', 'จำนวนประชากร', 'int', min=0, max=1_000_000, default='0'),
    ],
    columns=['number', 'name', 'head_name', 'households', 'population'],
    search=['name', 'head_name'], sort='number', unique=[('number',)],
    view='info.village.view', edit='info.village.edit', delete='info.village.edit',
    pdf=True, rules=Shared(), attachments=True, cards={'letters': ''},
    help='หมู่บ้านในเขต อปท. ใช้เป็นที่ตั้งโครงการในแผนพัฒนาและข้อมูลพื้นฐาน',
)
