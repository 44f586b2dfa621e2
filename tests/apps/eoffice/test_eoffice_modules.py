"""e-Office's modules import one another at the top, in one direction: no import hidden in a function to get round
a cycle (the AppSpec in __init__.py loads its hooks lazily, as every app's does)."""

import ast
from pathlib import Path

import apps.eoffice

PROJECT = ('apps', 'core', 'pages', 'models')


def _nested_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or '').split('.')[0] in PROJECT:
                    found.append(f'{path.name}:{inner.lineno} {inner.module}')
                elif isinstance(inner, ast.Import):
                    found += [f'{path.name}:{inner.lineno} {a.name}' for a in inner.names
                              if a.name.split('.')[0] in PROJECT]
    return found


def test_no_function_level_imports_between_project_modules() -> None:
    folder = Path(apps.eoffice.__file__).parent
    nested = [hit for path in sorted(folder.glob('*.py')) if path.name != '__init__.py'
              for hit in _nested_imports(path)]
    assert nested == []

