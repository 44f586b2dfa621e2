"""The public site's pages (/public, no sign-in): plain HTML drawn on the server — light on an old PC and a phone,
printable, no script — from `apps.info.public`, whose publication filter every page passes; and the administrator's
settings page (/info/public-site). Every read runs off the event loop."""

from html import escape

from fastapi import Response
from fastapi.responses import HTMLResponse
from nicegui import app, events, run, ui

from apps.info import public
from core.errors import Refusal, SignedOut
from core.thai import fiscal_year, format_date, today
from pages.layout import Viewer, acting, frame, page, signed_out
from pages.uploads import LimitedUpload

STYLE = '''
body{font-family:'Sarabun','TH Sarabun New','Noto Sans Thai',sans-serif;margin:0;color:#1e293b;background:#f8fafc;
line-height:1.5}
header{background:#1e4f8a;color:#fff;padding:.75rem 1rem}header a{color:#fff;text-decoration:none}
header h1{font-size:1.3rem;margin:0}nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;padding:.5rem 1rem;
background:#e2e8f0;font-size:.95rem}nav a{color:#1e4f8a}main{max-width:64rem;margin:0 auto;padding:1rem}
h2{font-size:1.25rem;margin:.5rem 0}.meta{color:#475569;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;background:#fff;font-size:.95rem}
th,td{border:1px solid #cbd5e1;padding:.3rem .5rem;text-align:left;vertical-align:top;white-space:pre-line}
th{background:#f1f5f9}td.n{text-align:right;white-space:nowrap}.wrap{overflow-x:auto}
.village-map{width:100%;max-width:40rem;height:auto;border:1px solid #cbd5e1}img.map{max-width:100%}
footer{color:#64748b;font-size:.85rem;padding:1rem;text-align:center}
@media print{nav,.noprint{display:none}header{background:none;color:#000}header a{color:#000}body{background:#fff}}
'''


def _html(site: public.Site, title: str, body: str) -> HTMLResponse:
    nav = ''.join(f'<a href="{path}">{escape(name)}</a>' for _, path, name in public.PAGES)
    hotline = f' · สายด่วน {escape(site.hotline)}' if site.hotline else ''
    return HTMLResponse(
        f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)} — {escape(site.name)}</title><style>{STYLE}</style></head><body>'
        f'<header><a href="/public"><h1>{escape(site.name)}</h1></a>'
        f'<div class="meta" style="color:#e2e8f0">{escape(" ".join(site.address))}{hotline}</div></header>'
        f'<nav class="noprint"><a href="/public">หน้าแรก</a>{nav}</nav><main>{body}</main>'
        f'<footer>ข้อมูลจากระบบงานของ {escape(site.name)} · เผยแพร่ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540'
        f'</footer></body></html>')


def _item_line(section: public.Section) -> str:
    code = f'ข้อ {escape(section.code)} (ITA ปี {section.year}) · ' if section.code else ''
    updated = format_date(section.updated) if section.updated else 'ยังไม่มีข้อมูล'
    return f'<p class="meta">{code}ปรับปรุงล่าสุด {escape(updated)}</p>'


def _table(table: public.Table) -> str:
    head = ''.join(f'<th>{escape(c)}</th>' for c in table.columns)
    rows = ''.join('<tr>' + ''.join(f'<td{" class=n" if i in table.numeric else ""}>{escape(str(c))}</td>'
                                    for i, c in enumerate(r.cells)) + '</tr>' for r in table.records)
    if not table.records:
        rows = f'<tr><td colspan="{len(table.columns)}">ไม่มีรายการ</td></tr>'
    return f'<h3>{escape(table.title)}</h3><div class="wrap"><table><tr>{head}</tr>{rows}</table></div>'


def _section_body(section: public.Section) -> str:
    parts = [f'<h2>{escape(section.title)}</h2>', _item_line(section)]
    parts += [f'<p>{escape(line)}</p>' for line in section.lines]
    if section.svg:
        parts.append(section.svg)  # drawn by public.village_svg from escaped names
    if section.image:
        parts.append(f'<p><img class="map" src="{escape(section.image)}" alt="แผนที่หมู่บ้าน"></p>')
    parts += [_table(t) for t in section.tables]
    if section.links:
        parts.append('<ul>' + ''.join(f'<li><a href="{escape(href)}">{escape(label)}</a></li>'
                                      for label, href in section.links) + '</ul>')
    return ''.join(parts)


def _not_found() -> Response:
    return Response('ไม่พบหน้านี้', status_code=404, media_type='text/plain; charset=utf-8')


def register() -> None:
    @app.get('/public')
    async def public_home() -> Response:
        found = await run.io_bound(public.home)
        if found is None:
            return _not_found()
        site = found.site
        rows = ''.join(
            f'<tr><td>{escape(s.code or "—")}</td><td><a href="{public.PATHS[s.key]}">{escape(s.title)}</a></td>'
            f'<td>{escape(format_date(s.updated) if s.updated else "ยังไม่มีข้อมูล")}</td></tr>' for s in found.items)
        year = next((s.year for s in found.items if s.code), '')
        news = found.news.tables[0].records[:5] if found.news.tables else ()
        latest = ''.join(f'<li>{escape(r.cells[0])} — {escape(r.cells[2])}</li>' for r in news) or '<li>ไม่มี</li>'
        body = (f'<p>{escape(site.intro)}</p>' if site.intro else '') + (
            f'<h2>ข่าวประชาสัมพันธ์ล่าสุด</h2><ul>{latest}</ul><p><a href="/public/news">ดูทั้งหมด</a></p>'
            f'<h2>ข้อมูลเปิดเผยต่อสาธารณะ (OIT) ตามการประเมิน ITA ปี {year}</h2>'
            f'<div class="wrap"><table><tr><th>ข้อ</th><th>รายการ</th><th>ปรับปรุงล่าสุด</th></tr>{rows}</table></div>'
            f'<p class="meta">เลขข้อตามคู่มือการประเมินคุณธรรมและความโปร่งใส (ITA) ปี {year} '
            f'{"ซึ่งเป็นฉบับล่าสุดที่บันทึกไว้ในระบบ " if year and year < fiscal_year(today()) else ""}'
            '(ข้อมูลกำหนดตามปี assets/info/oit_items.csv)</p>'
            '<p><a href="/e-service">ยื่นคำร้อง/ร้องเรียนออนไลน์</a></p>')
        return _html(site, 'หน้าแรก', body)

    for key, path, _title in public.PAGES:
        _register_section(key, path)

    @app.get('/public/downloads/{name}')
    async def public_download(name: str) -> Response:
        if not name.endswith('.pdf'):
            return _not_found()
        found = await run.cpu_bound(public.download, name.removesuffix('.pdf'))
        if found is None:
            return _not_found()
        filename, content = found
        return Response(content, media_type='application/pdf',
                        headers={'Content-Disposition': f'inline; filename="{filename}"'})

    @app.get('/public/map.png')
    async def public_map() -> Response:
        try:
            filename, content = await run.io_bound(public.map_image)
        except Refusal:
            return _not_found()
        kind = 'image/png' if filename.lower().endswith('.png') else 'image/jpeg'
        return Response(content, media_type=kind)

    @page('/info/public-site', public.MANAGE, 'เว็บไซต์สาธารณะของ อปท.', load=lambda actor: public.settings_of(actor))
    def settings_page(viewer: Viewer, row) -> None:
        with frame(viewer, 'เว็บไซต์สาธารณะของ อปท.'):
            with ui.card().classes('w-full max-w-2xl'):
                ui.label('หน้าเว็บไซต์ /public เปิดให้ประชาชนดูได้โดยไม่ต้องเข้าสู่ระบบ แสดงข้อมูลเปิดเผยตาม ITA (OIT) '
                         'ที่สร้างจากข้อมูลในระบบงาน ไม่แสดงหนังสือลับ เลขประจำตัวประชาชน ข้อมูลส่วนบุคคล '
                         'แผนหรืองบประมาณที่ยังไม่อนุมัติ').classes('text-sm text-slate-600')
                enabled = ui.switch('เปิดเว็บไซต์สาธารณะ', value=row.enabled).mark('public-enabled')
                fields = {key: (ui.textarea if key == 'intro' else ui.input)(label, value=getattr(row, key)).props(
                    'outlined dense').classes('w-full').mark(f'public-{key}')
                    for key, (label, _) in public.SETTING_FIELDS.items()}
                errors = ui.label('').classes('text-red-700 whitespace-pre-line').mark('public-errors')

                async def save() -> None:
                    for element in fields.values():
                        element.error = None
                    values = {key: element.value for key, element in fields.items()} | {'enabled': enabled.value}
                    try:
                        actor = await acting(viewer)
                        await run.io_bound(public.update_settings, actor, values)
                    except SignedOut:
                        signed_out()
                        return
                    except Refusal as error:
                        for key, message in getattr(error, 'errors', {}).items():
                            if key in fields:
                                fields[key].error = message
                        errors.text = str(error)
                        return
                    errors.text = ''
                    ui.notify('บันทึกแล้ว', type='positive')
                ui.button('บันทึก', on_click=save).mark('public-save')
                ui.link('เปิดดูเว็บไซต์สาธารณะ', '/public', new_tab=True)
            with ui.card().classes('w-full max-w-2xl'):
                ui.label('แผนที่หมู่บ้าน (ภาพ PNG หรือ JPG ไม่เกิน 5 MB)').classes('font-bold')
                ui.label('มีแผนที่แล้ว' if row.map_attachment_id else 'ยังไม่มีแผนที่ที่อัปโหลด').classes('text-sm')

                async def received(e: events.UploadEventArguments) -> None:
                    try:
                        actor = await acting(viewer)
                        await run.io_bound(public.set_map_image, actor, e.file.name, await e.file.read())
                    except SignedOut:
                        signed_out()
                        return
                    except Refusal as error:
                        ui.notify(str(error), type='negative')
                        return
                    ui.notify('บันทึกแผนที่แล้ว', type='positive')
                LimitedUpload(public.MAP_RULES.max_bytes, on_upload=received, auto_upload=True,
                              on_rejected=lambda: ui.notify('ไฟล์ใหญ่เกิน 5 MB', type='negative')).props(
                    'accept=".png,.jpg,.jpeg" label="เลือกไฟล์แผนที่"').mark('public-map-upload')


def _register_section(key: str, path: str) -> None:
    async def show() -> Response:
        found = await run.io_bound(public.section, key)
        if found is None:
            return _not_found()
        site, section = found
        return _html(site, section.title, _section_body(section))
    app.get(path)(show)
