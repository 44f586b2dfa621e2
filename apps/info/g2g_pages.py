"""G2G pages: the ปลัด sends the LAO's package (/info/g2g); an install that compares LAOs imports packages, checked
and shown before they are written (/info/g2g/imported), and reads each one's reports (/info/g2g/imported/{id})."""

from nicegui import events, run, ui

from apps.info import g2g
from core.errors import Refusal
from core.reports import screen_table
from core.thai import fiscal_year, format_date, format_datetime, today
from pages.kit import new_key
from pages.layout import Viewer, act, attempt, frame, page

EXPORT_TITLE, IMPORT_TITLE = 'ส่งออกชุดข้อมูล G2G', 'ชุดข้อมูล G2G ที่นำเข้า'


def _years(actor) -> list[int]:  # this fiscal year and the two before
    now = fiscal_year(today())
    return [now, now - 1, now - 2]


def _package_lines(package: g2g.Package) -> list[str]:
    lao, manifest = package.sender, package.manifest
    lines = [f'{lao.full_name} (รหัส {lao.dla_code}) ปีงบประมาณ {manifest["fiscal_year"]} '
             f'ข้อมูล ณ วันที่ {format_date(package.as_of, "long")} ส่งออกโดย {manifest.get("exported_by", "-")}']
    if not lao.registered:
        lines.append('หมายเหตุ: รหัสนี้ไม่มีในทะเบียน อปท. ที่ระบบมี (อปท. ที่ตั้งใหม่ หรือข้อมูลสาธิต) '
                     'ใช้ชื่อตามชุดข้อมูล')
    lines += [f'• {r["title"]}: {r["rows"]:,} แถว' for r in manifest.get('reports', [])]
    lines += [f'• ไม่มี {r["title"]} ({r["reason"]})' for r in manifest.get('omitted', [])]
    return lines


def _package_read(actor, package_id: str) -> 'tuple | Refusal':
    try:
        return g2g.package(actor, int(package_id))
    except ValueError:
        return Refusal('ไม่พบชุดข้อมูลนี้')
    except Refusal as refusal:
        return refusal


def register() -> None:
    @page('/info/g2g', g2g.EXPORT, EXPORT_TITLE, load=_years)
    async def export_page(viewer: Viewer, years: list[int]):
        with frame(viewer, EXPORT_TITLE):
            with ui.card().classes('w-full max-w-3xl').mark('g2g-export'):
                ui.label('ชุดข้อมูลของ อปท. สำหรับหน่วยงานกำกับดูแล (สถ.จ. สถ.อ.) ประกอบด้วยรายงานมาตรฐานของระบบ: '
                         'ข้อมูลพื้นฐาน แผนพัฒนา (ผ.01) การติดตามโครงการ งบประมาณคงเหลือ รายจ่ายตามแผนงาน '
                         'รายรับจริง ค่าใช้จ่ายด้านบุคคล แผนการจัดซื้อจัดจ้าง และอัตรากำลัง เป็นไฟล์ .zip '
                         '(ข้อมูล JSON สมุดงาน Excel และรายการไฟล์พร้อมลายมือชื่อ SHA-256)').classes('text-sm')
                year = ui.select({y: f'ปีงบประมาณ {y}' for y in years}, value=years[0], label='ปีงบประมาณ').props(
                    'outlined dense').classes('w-56').mark('g2g-fy')

                async def send() -> None:
                    button.disable()
                    try:
                        done, result = await attempt(viewer, lambda actor: g2g.export_package(actor, year.value))
                    finally:
                        button.enable()
                    if done:
                        name, content = result
                        ui.download.content(content, name, 'application/zip')

                button = ui.button('ส่งออกชุดข้อมูล', icon='download', on_click=send).mark('g2g-download')

    @page('/info/g2g/imported', g2g.IMPORT, IMPORT_TITLE, load=g2g.packages)
    async def imported_page(viewer: Viewer, packages: list):
        with frame(viewer, IMPORT_TITLE):
            with ui.card().classes('w-full max-w-3xl').mark('g2g-import'):
                ui.label('นำเข้าชุดข้อมูล G2G (.zip) ของ อปท.: ระบบตรวจรายการไฟล์ ลายมือชื่อ และรหัส อปท. '
                         'กับทะเบียนของกรมส่งเสริมการปกครองท้องถิ่น แสดงผลก่อนบันทึก ชุดเดียวกันนำเข้าซ้ำไม่เพิ่มซ้ำ').classes(
                    'text-sm')
                box = ui.column().classes('w-full gap-1').mark('g2g-preview')
                state: dict = {}

                async def preview(e: events.UploadEventArguments) -> None:
                    state['content'], state['key'] = await e.file.read(), new_key()
                    box.clear()
                    try:
                        package = await run.io_bound(g2g.read_package, viewer.principal, state['content'])
                    except Refusal as refusal:
                        with box:
                            ui.label(str(refusal)).classes('text-red-700').mark('g2g-refused')
                        return
                    with box:
                        ui.label(g2g.STATUS[package.status]).classes('font-bold').mark('g2g-status')
                        for line in _package_lines(package):
                            ui.label(line).classes('text-sm')
                        if package.status != 'same':
                            ui.button('นำเข้าชุดข้อมูลนี้', icon='check', on_click=lambda: act(
                                viewer, g2g.import_package, state['content'], key=state['key'],
                                success='นำเข้าชุดข้อมูลแล้ว')).mark('g2g-commit')

                ui.upload(on_upload=preview, auto_upload=True, max_file_size=g2g.MAX_ZIP).props(
                    'accept=.zip label="เลือกไฟล์ชุดข้อมูล (.zip)"').mark('g2g-upload')
            if not packages:
                ui.label('ยังไม่มีชุดข้อมูลที่นำเข้า').mark('g2g-none')
                return
            columns = [{'name': n, 'label': label, 'field': n, 'align': 'left'} for n, label in (
                ('lao', 'อปท.'), ('province', 'จังหวัด'), ('fy', 'ปีงบประมาณ'), ('as_of', 'ข้อมูล ณ วันที่'),
                ('reports', 'รายงาน'), ('imported', 'นำเข้าเมื่อ'))]
            rows = [{'id': p.id, 'lao': p.lao_name, 'province': p.province_name, 'fy': str(p.fiscal_year),
                     'as_of': format_date(p.as_of), 'reports': f'{p.reports:,}',
                     'imported': format_datetime(p.imported_at)} for p in packages]
            table = ui.table(columns=columns, rows=rows, row_key='id').classes('w-full').mark('g2g-packages')
            table.on('rowClick', lambda e: ui.navigate.to(f'/info/g2g/imported/{e.args[1]["id"]}'))

    @page('/info/g2g/imported/{package_id}', g2g.IMPORT, IMPORT_TITLE, load=_package_read,
          samples=lambda: [f'/info/g2g/imported/{p}' for p in g2g.demo_package_ids()])
    async def package_page(viewer: Viewer, read: 'tuple | Refusal', package_id: str):
        if isinstance(read, Refusal):
            with frame(viewer, IMPORT_TITLE):
                ui.label(str(read)).mark('not-found')
            return
        found, parts = read
        with frame(viewer, f'{found.lao_name} ปีงบประมาณ {found.fiscal_year}'):
            ui.label(f'ข้อมูล ณ วันที่ {format_date(found.as_of, "long")} · ส่งออกโดย {found.exported_by or "-"} '
                     f'เมื่อ {format_datetime(found.exported_at)} · นำเข้าเมื่อ {format_datetime(found.imported_at)}'
                     ).classes('text-sm text-slate-600').mark('g2g-package')
            for part in parts:
                with ui.expansion(f'{part["title"]} ({len(part["rows"]):,} แถว)').classes('w-full').mark(
                        f'g2g-report-{part["report"]}'):
                    if part.get('of'):
                        ui.label(part['of']).classes('text-sm')
                    columns, rows = screen_table(g2g.frame_of(part))
                    ui.table(columns=columns, rows=rows, row_key='id', pagination=20).classes('w-full')
