"""Help (คู่มือ): the in-app manual (Thai Markdown pages per app under docs/), the offline Q&A assistant over Q&A
cards, the manual and the board's accepted answers, the web board (กระดานถาม-ตอบ) and the feedback survey."""

from core.menu import AppSpec, MenuEntry


def pending_work(principal):
    from apps.help.board import pending
    return pending(principal)


def seed_demo(ctx) -> None:
    from apps.help import board, library, quiz
    board.seed_demo(ctx)
    library.seed_demo(ctx)
    quiz.seed_demo(ctx)


APP = AppSpec(
    key='help', title='คู่มือ', icon='help_outline', order=800,
    description='คู่มือการใช้งาน ผู้ช่วยตอบคำถาม และกระดานถาม-ตอบ อยู่ในเครื่อง ใช้ได้แม้ไม่มีอินเทอร์เน็ต',
    entries=(MenuEntry('คู่มือการใช้งาน', '/help', 'help.view'),
             MenuEntry('ถามผู้ช่วย', '/help/ask', 'help.view'),
             MenuEntry('กระดานถาม-ตอบ', '/help/board', 'help.view'),
             MenuEntry('คลังความรู้', '/help/library', 'help.view'),
             MenuEntry('แบบทดสอบความรู้', '/help/quiz', 'help.view'),
             MenuEntry('ผลแบบทดสอบความรู้', '/help/quiz/results', 'help.quiz.results'),
             MenuEntry('บทเรียนทีละขั้น', '/help/walkthroughs', 'help.view'),
             MenuEntry('ความก้าวหน้าบทเรียน', '/help/walkthroughs/progress', 'help.walkthrough.progress'),
             MenuEntry('ผลแบบสอบถามความพึงพอใจ', '/help/survey', 'help.survey.read')),
    permissions={'help.view': 'อ่านคู่มือการใช้งาน ถามผู้ช่วย และอ่านกระดานถาม-ตอบ',
                 'help.board.post': 'ตั้งคำถามและตอบบนกระดานถาม-ตอบ',
                 'help.board.moderate': 'ดูแลกระดานถาม-ตอบ (ซ่อนคำถามหรือคำตอบ)',
                 'help.survey.read': 'ดูผลแบบสอบถามความพึงพอใจ',
                 'help.library.edit': 'เพิ่มและแก้ไขเอกสารในคลังความรู้',
                 'help.quiz.results': 'ดูผลแบบทดสอบความรู้ของบุคลากร (ผู้ฝึกอบรม งานบริหารงานบุคคล)',
                 'help.walkthrough.progress': 'ดูความก้าวหน้าบทเรียนทีละขั้นของผู้ใช้ทุกคน (ผู้ฝึกอบรม)'},
    pending=pending_work,
    seed_demo=seed_demo,
)
