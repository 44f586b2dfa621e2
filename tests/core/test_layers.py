"""The layers point one way: models ← core ← apps ← the UI (the shell in pages/, each app's page modules).

Read from the source with `ast`, every import counts, also those inside functions: an import cycle hidden in a
function is still a cycle."""

import ast
import graphlib
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
PACKAGES = ('models', 'core', 'apps', 'pages')
UI_LIBRARIES = ('nicegui', 'fastapi', 'starlette')
APP_UI_NAMES = ('pages', 'sections', '_page', '_card')  # how an app's modules that build UI are named (endings)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob('*.py'):
            name = '.'.join(path.relative_to(ROOT).with_suffix('').parts)
            found[name.removesuffix('.__init__')] = path
    return found


MODULES = _modules()


def _project_module(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition('.')[0]
    return name or None


def _imports(name: str) -> set[str]:
    """Every module `name` imports (project modules by their full name; libraries by their top package)."""
    path = MODULES[name]
    package = name if path.name == '__init__.py' else name.rpartition('.')[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level:
                parts = package.split('.')[:len(package.split('.')) - node.level + 1]
                base = '.'.join([*parts, base] if base else parts)
            # `from package import module` imports the module; `from module import name`, the module itself
            targets = [f'{base}.{alias.name}' if f'{base}.{alias.name}' in MODULES else base for alias in node.names]
        else:
            continue
        for target in targets:
            module = _project_module(target)
            if module is None:
                found.add(target.split('.')[0])
            elif module != name:
                found.add(module)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def is_ui(name: str) -> bool:
    parts = name.split('.')
    return parts[0] == 'pages' or (parts[0] == 'apps' and len(parts) == 3 and parts[2].endswith(APP_UI_NAMES))


def test_no_import_cycle() -> None:
    graph = {name: {t for t in targets if t in MODULES} for name, targets in GRAPH.items()}
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        raise AssertionError(f'import cycle: {" -> ".join(error.args[1])}') from None


def test_models_import_only_models() -> None:
    wrong = {f'{name} -> {t}' for name, targets in GRAPH.items() if name.startswith('models')
             for t in targets if t.split('.')[0] in ('core', 'apps', 'pages', *UI_LIBRARIES)}
    assert not wrong, sorted(wrong)


def test_core_imports_no_app_and_no_ui() -> None:
    wrong = {f'{name} -> {t}' for name, targets in GRAPH.items() if name.startswith('core')
             for t in targets if t.split('.')[0] in ('apps', 'pages', *UI_LIBRARIES)}
    assert not wrong, sorted(wrong)


def test_only_ui_modules_build_ui() -> None:
    """Services, declarations and reports run without NiceGUI: the UI is in pages/ and in an app's page modules."""
    wrong = {f'{name} -> {t}' for name, targets in GRAPH.items() if not is_ui(name)
             for t in targets if t.split('.')[0] in UI_LIBRARIES or (t in MODULES and is_ui(t))}
    assert not wrong, sorted(wrong)


def test_apps_talk_to_each_other_only_through_their_contracts() -> None:
    """An app reaches another app only through its `links` module (e.g. apps/eplan/links.py)."""
    wrong = set()
    for name, targets in GRAPH.items():
        if not name.startswith('apps.') or name.count('.') < 2:
            continue
        app = name.split('.')[1]
        for t in targets:
            parts = t.split('.')
            other_app = parts[0] == 'apps' and len(parts) > 1 and parts[1] != app
            if other_app and parts[2:] != ['links']:
                wrong.add(f'{name} -> {t}')
    assert not wrong, sorted(wrong)
