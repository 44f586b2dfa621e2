"""The skills quiz's pages: the systems and the user's standing, a quiz (questions and choices only: it is scored
on the server), an attempt's review, and the results for the trainer and HR."""

from nicegui import run, ui

from apps.help import quiz
from core.errors import Refusal
from core.thai import format_date, today
from pages.kit import new_key
from pages.layout import Viewer, acting, frame, page


def _review(found: quiz.Review) -> None:
    with ui.card().classes('w-full max-w-3xl ' + ('bg-green-50' if found.passed else 'bg-amber-50')).mark(
            'quiz-score'):
        ui.label(f'ได้ {found.score} จาก {found.total} คะแนน · '
                 + ('ผ่านเกณฑ์' if found.passed else f'ยังไม่ผ่านเกณฑ์ (ต้องได้ร้อยละ {found.pass_percent})'))
    for n, item in enumerate(found.items, start=1):
        with ui.card().classes('w-full max-w-3xl').mark(f'quiz-review-{n}'):
            ui.label(f'{n}. {item.question}').classes('font-medium')
            given = item.choices[item.given - 1] if item.given else '-'
            ui.label(('✓ ' if item.right else '✗ ') + f'คำตอบของท่าน: {given}').classes(
                'text-green-700' if item.right else 'text-red-700')
            if not item.right:
                ui.label(f'คำตอบที่ถูก: {item.choices[item.answer - 1]}')
            ui.label(f'ที่มา: {item.source}').classes('text-sm text-slate-600')
    ui.link('← แบบทดสอบความรู้', '/help/quiz')


def register() -> None:
    @page('/help/quiz', 'help.view', 'แบบทดสอบความรู้', load=quiz.statuses)
    def index(viewer: Viewer, rows: list):
        with frame(viewer, 'แบบทดสอบความรู้ก่อนปฏิบัติงาน'):
            rule = quiz.rules(today())
            ui.label(f'ผ่านเกณฑ์เมื่อตอบถูกอย่างน้อยร้อยละ {rule.pass_percent} สอบใหม่ได้หลังสอบครั้งก่อน '
                     f'{rule.wait_days} วัน ไม่เกิน {rule.max_per_quarter} ครั้งต่อไตรมาส').classes(
                'text-sm text-slate-600').mark('quiz-rules')
            with ui.list().props('bordered separator').classes('w-full max-w-3xl bg-white').mark('quiz-systems'):
                for row in rows:
                    with ui.item().mark(f'quiz-system-{row.app}'):
                        with ui.item_section():
                            ui.item_label(f'{row.title} ({row.total} ข้อ)')
                            standing = ('ผ่านแล้ว' if row.passed else 'ยังไม่ผ่าน') + (
                                f' · ไตรมาสนี้สอบ {row.attempts} ครั้ง คะแนนสูงสุด {row.best}/{row.total}'
                                if row.attempts else '')
                            ui.item_label(standing + (f' · {row.reason}' if row.reason else '')).props('caption')
                        with ui.item_section().props('side'):
                            if row.may_take:
                                ui.button('เริ่มทำแบบทดสอบ', on_click=lambda r=row: ui.navigate.to(
                                    f'/help/quiz/{r.app}')).props('outline').mark(f'quiz-start-{row.app}')
            if viewer.can(quiz.RESULTS):
                ui.link('ผลการทดสอบของบุคลากร', '/help/quiz/results').mark('quiz-results-link')

    @page('/help/quiz/results', quiz.RESULTS, 'ผลแบบทดสอบความรู้',
          load=lambda actor, query: quiz.results(actor, int(query['user']) if query.get('user', '').isdigit()
                                                 else None),
          samples=quiz.result_addresses)
    def results(viewer: Viewer, rows: list, query: dict):
        with frame(viewer, 'ผลแบบทดสอบความรู้ของบุคลากร'):
            if query.get('user'):
                ui.link('← ทุกคน', '/help/quiz/results')
            columns = [{'name': 'name', 'label': 'ชื่อ-สกุล', 'field': 'name', 'align': 'left', 'sortable': True},
                       {'name': 'title', 'label': 'ระบบ', 'field': 'title', 'align': 'left', 'sortable': True},
                       {'name': 'attempts', 'label': 'จำนวนครั้ง', 'field': 'attempts'},
                       {'name': 'best', 'label': 'คะแนนสูงสุด', 'field': 'best'},
                       {'name': 'passed', 'label': 'ผล', 'field': 'passed'},
                       {'name': 'last', 'label': 'สอบล่าสุด', 'field': 'last'}]
            table = ui.table(columns=columns, rows=[
                {'id': f'{r.user_id}-{r.app}', 'user_id': r.user_id, 'attempt': r.last_attempt_id, 'name': r.name,
                 'title': r.title, 'attempts': r.attempts, 'best': f'{r.best}/{r.total}',
                 'passed': 'ผ่าน' if r.passed else 'ยังไม่ผ่าน', 'last': format_date(r.last)} for r in rows],
                row_key='id').classes('w-full max-w-4xl').mark('quiz-results')
            table.on('rowClick', lambda e: ui.navigate.to(f'/help/quiz/results?user={e.args[1]["user_id"]}'))
            if not rows:
                ui.label('ยังไม่มีผู้ทำแบบทดสอบ').mark('quiz-results-empty')

    @page('/help/quiz/{app_key}', 'help.view', 'แบบทดสอบความรู้',
          load=lambda actor, app_key: (quiz.paper(actor, app_key), quiz.status(actor, app_key)),
          samples=lambda: [f'/help/quiz/{app}' for app in quiz.SYSTEMS])
    def take(viewer: Viewer, found: tuple, app_key: str):
        questions, standing = found
        with frame(viewer, f'แบบทดสอบความรู้: {standing.title}'):
            if not standing.may_take:
                ui.label(standing.reason).mark('quiz-wait')
                ui.link('← แบบทดสอบความรู้', '/help/quiz')
                return
            paper = ui.column().classes('w-full gap-2').mark('quiz-paper')
            radios = {}
            with paper:
                for n, question in enumerate(questions, start=1):
                    with ui.card().classes('w-full max-w-3xl').mark(f'quiz-q-{n}'):
                        ui.label(f'{n}. {question.text}').classes('font-medium')
                        radios[question.id] = ui.radio({i: c for i, c in enumerate(question.choices, start=1)},
                                                       value=None).mark(f'quiz-choice-{n}')
            key = new_key()

            async def send() -> None:
                try:
                    actor = await acting(viewer)
                    attempt = await run.io_bound(quiz.submit, actor, app_key,
                                                 {q: r.value for q, r in radios.items()}, key)
                    found = await run.io_bound(quiz.review, actor, attempt)
                except Refusal as error:
                    ui.notify(str(error), type='negative')
                    return
                paper.clear()
                with paper:
                    _review(found)
            with paper:
                ui.button('ส่งคำตอบ', icon='send', on_click=send).mark('quiz-submit')
