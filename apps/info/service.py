"""Info rules: the villages register and its demo data."""

from models.info import Village

DEMO_VILLAGES = [  # (number, name, head, households, population)
    (1, 'บ้านตัวอย่าง', 'นายบุญมี ศรีสวัสดิ์', 212, 684), (2, 'บ้านหนองบัว', 'นายทองดี มีสุข', 185, 602),
    (3, 'บ้านโนนสำราญ', 'นางสาวบัวผัน แก้วใส', 143, 471), (4, 'บ้านท่าน้ำ', 'นายสุรชัย ปัญญาดี', 256, 815),
    (5, 'บ้านหัวสะพาน', 'นายเสถียร บุญมา', 98, 320), (6, 'บ้านดอนแดง', 'นางคำปุ่น ทองคำ', 167, 553),
    (7, 'บ้านโคกสูง', 'นายประยูร สุขใจ', 121, 402), (8, 'บ้านหนองไผ่พัฒนา', 'นายวินัย ศรีทอง', 204, 661),
    (9, 'บ้านใหม่สามัคคี', 'นางสาวอำไพ จันทร์ดี', 77, 258), (10, 'บ้านสระแก้ว', 'นายอุดม ดีเลิศ', 189, 597),
]


def seed_demo(context) -> None:
    for number, name, head, households, population in DEMO_VILLAGES:
        context.session.add(Village(org_id=context.org.id, number=number, name=name, head_name=head,
                                    households=households, population=population))
