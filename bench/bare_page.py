"""The floor for the footprint benchmark: a bare NiceGUI page with a 20-row table, importing the libraries the suite
imports at start (so the comparison is of what the suite adds, not of the libraries). Serves /status like main.py.

Usage: python bench/bare_page.py PORT
"""

import sys

import alembic.command  # noqa: F401
import authlib.integrations.httpx_client  # noqa: F401
import fpdf  # noqa: F401
import openpyxl  # noqa: F401
import pandas  # noqa: F401
import plotly.express  # noqa: F401
import pythainlp.util  # noqa: F401
import sqlmodel  # noqa: F401
from fastapi.responses import PlainTextResponse
from nicegui import app, ui


@app.get('/status')
def status() -> PlainTextResponse:
    return PlainTextResponse('ok')


@ui.page('/')
def index() -> None:
    ui.table(columns=[{'name': 'n', 'label': 'ลำดับ', 'field': 'n'}, {'name': 't', 'label': 'รายการ', 'field': 't'}],
             rows=[{'n': i, 't': f'รายการที่ {i}'} for i in range(20)])


ui.run(host='127.0.0.1', port=int(sys.argv[1]), reload=False, show=False, title='bare')
