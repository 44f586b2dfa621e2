"""The manual pages, the assistant (ถามผู้ช่วย), the web board (กระดานถาม-ตอบ) and the survey's pages."""

from urllib.parse import quote

from nicegui import run, ui

from apps.help import assistant, board, library, quiz_pages, survey, walkthrough_pages
from apps.help.service import find, help_for, manual, section_text
from core.errors import Refusal
from core.reports import plotly_bar
from core.thai import format_datetime
from pages.kit import new_key, register_resource
from pages.layout import Viewer, acting, frame, page


def _markdown(doc) -> str:
    return doc.body.split('\n', 1)[1] if doc.body.startswith('#') else doc.body


def _manual_page(viewer: Viewer, doc, section: int | None) -> None:
    with frame(viewer, doc.title if doc else 'คู่มือการใช้งาน'):
        if doc is None:
            ui.label('หน้านี้ยังไม่มีคู่มือเฉพาะ ดูสารบัญคู่มือ').mark('manual-missing')
            _index_list()
            return
        found = section_text(doc, section) if section else None
        if found:
            heading, body = found
            with ui.card().classes('max-w-3xl w-full bg-amber-50').mark('manual-section'):
                ui.label(heading).classes('text-lg font-bold')
                ui.markdown(body)
        ui.markdown(_markdown(doc)).classes('max-w-3xl bg-white p-4 rounded').mark('manual-page')
        ui.link('← สารบัญคู่มือ', '/help')


def _index_list() -> None:
    with ui.list().props('bordered separator').classes('w-full max-w-3xl bg-white').mark('manual-index'):
        for doc in manual():
            with ui.item(on_click=lambda d=doc: ui.navigate.to(f'/help/{d.app}/{d.slug}')):
                with ui.item_section():
                    ui.item_label(doc.title)


def _show_answer(box: ui.column, answer: assistant.Answer) -> None:
    box.clear()
    with box:
        if not answer.question:
            return
        if not answer.sure:
            with ui.card().classes('w-full bg-amber-50').mark('assistant-unsure'):
                ui.label('ไม่แน่ใจ: ไม่พบคำตอบที่ตรงกับคำถามนี้ในคู่มือและคลังคำถาม').classes('font-medium')
                ui.button('ถามเพื่อนร่วมงานบนกระดานถาม-ตอบ', icon='forum',
                          on_click=lambda: ui.navigate.to(f'/help/board?new={quote(answer.question)}')).props(
                    'outline').mark('assistant-post')
                if answer.hits:
                    ui.label('เรื่องที่อาจเกี่ยวข้อง:').classes('text-sm text-slate-600')
        for n, hit in enumerate(answer.hits):
            source = hit.source
            with ui.card().classes('w-full').mark(f'assistant-hit-{n}'):
                ui.label(source.title).classes('font-bold')
                ui.label(source.text).classes('whitespace-pre-line')
                with ui.row().classes('items-center gap-2 text-sm'):
                    ui.label('ที่มา:')
                    ui.link({'card': 'คลังคำถาม', 'manual': 'คู่มือ', 'board': 'กระดานถาม-ตอบ',
                             'library': 'คลังความรู้'}[source.kind]
                            + (f': {source.cite}' if source.cite else ''), source.link).mark('assistant-source')
            if answer.sure and n == 0 and len(answer.hits) > 1:
                ui.label('เรื่องอื่นที่ใกล้เคียง').classes('text-sm text-slate-600')


def register() -> None:
    register_resource(library.LIBRARY)
    quiz_pages.register()
    walkthrough_pages.register()

    @page('/help', 'help.view', 'คู่มือการใช้งาน', load=survey.offered)
    def index(viewer: Viewer, surveys: list):
        with frame(viewer, 'คู่มือการใช้งาน'):
            with ui.row().classes('gap-2'):
                ui.button('ถามผู้ช่วย', icon='support_agent', on_click=lambda: ui.navigate.to('/help/ask'))
                ui.button('กระดานถาม-ตอบ', icon='forum', on_click=lambda: ui.navigate.to('/help/board')).props(
                    'outline')
                for label, icon, target in (('คลังความรู้', 'local_library', '/help/library'),
                                            ('แบบทดสอบความรู้', 'quiz', '/help/quiz'),
                                            ('บทเรียนทีละขั้น', 'route', '/help/walkthroughs')):
                    ui.button(label, icon=icon, on_click=lambda t=target: ui.navigate.to(t)).props('outline').mark(
                        f'help-go-{target.rsplit("/", 1)[-1]}')
            _index_list()
            if surveys:
                with ui.card().classes('max-w-3xl w-full').mark('survey-offer'):
                    ui.label('แบบสอบถามความพึงพอใจ (ไตรมาสละครั้ง)').classes('font-medium')
                    with ui.row().classes('gap-2'):
                        for app_key, title in surveys:
                            ui.link(title, f'/help/survey/{app_key}')

    @page('/help/page', 'help.view', 'คู่มือของหน้านี้', samples=lambda: ['/help/page?path=/elaas/vouchers',
                                                                         '/help/page?path=/info/villages'])
    def for_page(viewer: Viewer, query: dict):
        target = help_for(query.get('path', '/'))
        _manual_page(viewer, target.doc, target.section)

    @page('/help/card/{card_id}', 'help.view', 'คลังคำถาม',
          samples=lambda: [c.link for c in assistant.cards()[:3]] + ['/help/card/rule-sick-leave'])
    def card(viewer: Viewer, card_id: str):
        found = assistant.card(card_id)
        with frame(viewer, found.title if found else 'ไม่พบคำถามนี้'):
            if found:
                ui.label(found.text).classes('max-w-3xl bg-white p-4 rounded whitespace-pre-line').mark('card-answer')
                if found.cite:
                    ui.label(f'ที่มา: {found.cite}').classes('text-sm text-slate-600').mark('card-cite')
            ui.link('← ถามผู้ช่วย', '/help/ask')

    @page('/help/ask', 'help.view', 'ถามผู้ช่วย',
          load=lambda actor, query: board.ask_assistant(actor, query.get('q', '')))
    def ask(viewer: Viewer, first: assistant.Answer, query: dict):
        with frame(viewer, 'ถามผู้ช่วย'):
            ui.label('ผู้ช่วยตอบจากคู่มือ คลังคำถาม และคำตอบที่ยอมรับบนกระดานถาม-ตอบเท่านั้น ทุกคำตอบบอกที่มา').classes(
                'text-sm text-slate-600')
            with ui.row().classes('w-full max-w-3xl items-center gap-2'):
                box = ui.input('คำถาม', value=query.get('q', ''), placeholder='เช่น ลืมรหัสผ่านทำอย่างไร').props(
                    'outlined clearable maxlength=500').classes('grow').mark('assistant-question')
                button = ui.button('ถาม', icon='send').mark('assistant-ask')
            results = ui.column().classes('w-full max-w-3xl gap-2').mark('assistant-answers')
            _show_answer(results, first)

            async def go() -> None:
                try:
                    actor = await acting(viewer)
                    found = await run.io_bound(board.ask_assistant, actor, box.value or '')
                except Refusal as error:
                    ui.notify(str(error), type='negative')
                    return
                _show_answer(results, found)
            button.on_click(go)
            box.on('keydown.enter', go)

    @page('/help/board', 'help.view', 'กระดานถาม-ตอบ',
          load=lambda actor, query: board.questions(actor, query.get('q', ''), mine=query.get('mine') == '1'),
          samples=lambda: ['/help/board', '/help/board?q=ฎีกา', '/help/board?new=ลาป่วย'])
    def board_page(viewer: Viewer, rows: list, query: dict):
        with frame(viewer, 'กระดานถาม-ตอบ'):
            with ui.row().classes('w-full max-w-3xl items-center gap-2'):
                search = ui.input('ค้นหาคำถาม', value=query.get('q', '')).props('outlined dense clearable').classes(
                    'grow').mark('board-search')
                ui.button('ค้นหา', icon='search', on_click=lambda: ui.navigate.to(
                    f'/help/board?q={quote(search.value or "")}')).mark('board-search-go')
            if viewer.can(board.POST):
                key = new_key()
                with ui.expansion('ตั้งคำถามใหม่', icon='add', value=bool(query.get('new'))).classes(
                        'w-full max-w-3xl bg-white').mark('board-new'):
                    title = ui.input('หัวข้อคำถาม', value=query.get('new', '')[:200]).props(
                        'outlined maxlength=200').classes('w-full').mark('board-title')
                    body = ui.textarea('รายละเอียด').props('outlined maxlength=4000').classes('w-full').mark(
                        'board-body')

                    async def post() -> None:
                        title.error = None
                        try:
                            actor = await acting(viewer)
                            new_id = await run.io_bound(board.ask, actor, title.value, body.value, 'general', key)
                        except Refusal as error:
                            title.error = error.errors.get('title') if getattr(error, 'errors', None) else None
                            ui.notify(str(error) or 'กรุณาตรวจสอบข้อมูล', type='negative')
                            return
                        ui.navigate.to(f'/help/board/{new_id}')
                    ui.button('ตั้งคำถาม', icon='send', on_click=post).mark('board-post')
            with ui.list().props('bordered separator').classes('w-full max-w-3xl bg-white').mark('board-list'):
                if not rows:
                    ui.item_label('ยังไม่มีคำถาม' if not query.get('q') else 'ไม่พบคำถามที่ค้นหา').classes('p-4')
                for row in rows:
                    with ui.item(on_click=lambda r=row: ui.navigate.to(f'/help/board/{r.id}')):
                        with ui.item_section():
                            ui.item_label(row.title + (' (ซ่อนแล้ว)' if row.hidden else ''))
                            ui.item_label(f'{row.author_name} · {format_datetime(row.created_at)} · '
                                          f'{row.answers} คำตอบ' + (' · มีคำตอบที่ยอมรับ' if row.accepted else '')
                                          ).props('caption')

    @page('/help/board/{question_id}', 'help.view', 'กระดานถาม-ตอบ',
          load=lambda actor, question_id: board.thread(actor, int(question_id)),
          samples=lambda: board.sample_addresses())
    def thread(viewer: Viewer, found: tuple, question_id: str):
        question, answers = found
        moderator = viewer.can(board.MODERATE)
        may_accept = moderator or question.author_id == viewer.principal.user_id
        with frame(viewer, question.title):
            with ui.card().classes('w-full max-w-3xl').mark('board-question'):
                ui.label(f'{question.author_name} · {format_datetime(question.created_at)}').classes(
                    'text-sm text-slate-600')
                if question.body:
                    ui.label(question.body).classes('whitespace-pre-line')
                if question.hidden:
                    ui.label(f'ซ่อนแล้ว: {question.hidden_reason}').classes('text-red-700')

            async def act(work, *args) -> None:
                try:
                    actor = await acting(viewer)
                    await run.io_bound(work, actor, *args)
                except Refusal as error:
                    ui.notify(str(error) or 'กรุณาตรวจสอบข้อมูล', type='negative')
                    return
                ui.navigate.reload()

            for n, answer in enumerate(answers):
                accepted = answer.id == question.accepted_answer_id
                with ui.card().classes('w-full max-w-3xl' + (' bg-green-50' if accepted else '')).mark(
                        f'board-answer-{n}'):
                    if accepted:
                        ui.badge('คำตอบที่ยอมรับ', color='green').mark('board-accepted')
                    ui.label(answer.body).classes('whitespace-pre-line')
                    ui.label(f'{answer.author_name} · {format_datetime(answer.created_at)}').classes(
                        'text-sm text-slate-600')
                    with ui.row().classes('gap-2'):
                        if may_accept and not accepted:
                            ui.button('ยอมรับคำตอบนี้', icon='check', on_click=lambda a=answer: act(
                                board.accept, question.id, a.id)).props('flat dense').mark(f'board-accept-{n}')
                        if moderator and not answer.hidden:
                            ui.button('ซ่อน', icon='visibility_off', on_click=lambda a=answer: act(
                                board.hide, 'answer', a.id, 'ผู้ดูแลกระดานซ่อน')).props('flat dense color=red').mark(
                                f'board-hide-{n}')
            if viewer.can(board.POST):
                key = new_key()
                reply = ui.textarea('ตอบคำถามนี้').props('outlined maxlength=4000').classes('w-full max-w-3xl').mark(
                    'board-reply')
                ui.button('ส่งคำตอบ', icon='send', on_click=lambda: act(board.reply, question.id, reply.value,
                                                                        key)).mark('board-reply-send')
            if moderator and not question.hidden:
                ui.button('ซ่อนคำถามนี้', icon='visibility_off', on_click=lambda: act(
                    board.hide, 'question', question.id, 'ผู้ดูแลกระดานซ่อน')).props('flat color=red').mark(
                    'board-hide-question')
            ui.link('← กระดานถาม-ตอบ', '/help/board')

    @page('/help/survey/{app_key}', 'help.view', 'แบบสอบถามความพึงพอใจ',
          load=lambda actor, app_key: survey.due(actor, app_key),
          samples=lambda: ['/help/survey/eoffice'])
    def survey_form(viewer: Viewer, due: bool, app_key: str):
        title = survey.APPS.get(app_key, '')
        with frame(viewer, f'แบบสอบถามความพึงพอใจ: {title}' if title else 'แบบสอบถามความพึงพอใจ'):
            if not title:
                ui.label('ไม่พบระบบนี้')
                return
            if not due:
                ui.label('ท่านตอบแบบสอบถามของระบบนี้ในไตรมาสนี้แล้ว ขอบคุณค่ะ').mark('survey-done')
                return
            score = ui.radio({5: '5 มากที่สุด', 4: '4 มาก', 3: '3 ปานกลาง', 2: '2 น้อย', 1: '1 น้อยที่สุด'},
                             value=None).props('inline').mark('survey-score')
            comment = ui.textarea(survey.QUESTION).props('outlined maxlength=1000').classes('w-full max-w-3xl').mark(
                'survey-comment')

            async def send(decline: bool = False) -> None:
                if not decline and score.value is None:
                    ui.notify('กรุณาเลือกระดับความพึงพอใจ', type='warning')
                    return
                try:
                    actor = await acting(viewer)
                    await run.io_bound(survey.respond, actor, app_key, None if decline else score.value,
                                       '' if decline else comment.value)
                except Refusal as error:
                    ui.notify(str(error) or 'กรุณาตรวจสอบข้อมูล', type='negative')
                    return
                ui.navigate.to('/help')
            with ui.row().classes('gap-2'):
                ui.button('ส่งแบบสอบถาม', on_click=lambda: send()).mark('survey-send')
                ui.button('ไม่ตอบ', on_click=lambda: send(True)).props('flat').mark('survey-decline')

    @page('/help/survey', 'help.survey.read', 'ผลแบบสอบถามความพึงพอใจ',
          load=lambda actor: survey.summary(actor))
    def survey_summary(viewer: Viewer, rows: list):
        with frame(viewer, 'ผลแบบสอบถามความพึงพอใจ'):
            ui.label(f'ไตรมาส {rows[0].quarter if rows else ""} (ปีงบประมาณ)').classes('text-sm text-slate-600')
            columns = [{'name': 'title', 'label': 'ระบบ', 'field': 'title', 'align': 'left'},
                       {'name': 'answers', 'label': 'ผู้ตอบ', 'field': 'answers'},
                       {'name': 'declined', 'label': 'ไม่ตอบ', 'field': 'declined'},
                       {'name': 'average', 'label': 'คะแนนเฉลี่ย (เต็ม 5)', 'field': 'average'}] + [
                {'name': f's{s}', 'label': f'{s} คะแนน', 'field': f's{s}'} for s in range(5, 0, -1)]
            ui.table(columns=columns, rows=[
                {'title': r.title, 'answers': r.answers, 'declined': r.declined,
                 'average': f'{r.average:.2f}' if r.average is not None else '-',
                 **{f's{s}': r.by_score[s] for s in range(1, 6)}} for r in rows], row_key='title').classes(
                'w-full max-w-4xl').mark('survey-table')
            answered = [r for r in rows if r.answers]
            if answered:
                import pandas as pd
                spread = pd.DataFrame([{'ระบบ': r.title, 'คะแนน': f'{s} คะแนน', 'จำนวนผู้ตอบ': r.by_score[s]}
                                       for r in answered for s in range(5, 0, -1)])
                figure = plotly_bar(spread, x='ระบบ', y='จำนวนผู้ตอบ', color='คะแนน',
                                    title='การกระจายของคะแนนความพึงพอใจ แยกตามระบบ',
                                    labels={'ระบบ': ''},
                                    category_orders={'คะแนน': [f'{s} คะแนน' for s in range(5, 0, -1)]})
                ui.plotly(figure).classes('w-full max-w-4xl h-96').mark('survey-chart-spread')
                averages = pd.DataFrame([{'ระบบ': r.title, 'คะแนนเฉลี่ย': round(r.average, 2)} for r in answered])
                figure = plotly_bar(averages, x='ระบบ', y='คะแนนเฉลี่ย', title='คะแนนเฉลี่ย (เต็ม 5) แยกตามระบบ',
                                    labels={'ระบบ': ''}, range_y=[0, 5])
                ui.plotly(figure).classes('w-full max-w-4xl h-80').mark('survey-chart-average')
            for r in rows:
                if r.comments:
                    with ui.expansion(f'ข้อเสนอแนะ: {r.title} ({len(r.comments)})').classes('w-full max-w-4xl'):
                        for text in r.comments:
                            ui.label(text).classes('whitespace-pre-line')

    @page('/help/{app_key}/{slug}', 'help.view', 'คู่มือการใช้งาน',
          samples=lambda: [f'/help/{doc.app}/{doc.slug}' for doc in manual()] + ['/help/elaas/01-budget?section=3'])
    def show(viewer: Viewer, app_key: str, slug: str, query: dict):
        section = query.get('section', '')
        _manual_page(viewer, find(app_key, slug), int(section) if section.isdigit() else None)
