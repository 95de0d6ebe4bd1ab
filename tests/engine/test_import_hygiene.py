"""The engine never imports Textual (also enforced by import-linter)."""

from __future__ import annotations

import subprocess
import sys


def test_engine_does_not_import_textual():
    code = (
        "import sys, pkgutil, importlib\n"
        "import hollywood_ai.index as pkg\n"
        "for m in pkgutil.walk_packages(pkg.__path__, 'hollywood_ai.index.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.') or m.startswith('hollywood_ai.tui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_linter_contract_is_kept():
    import shutil
    from pathlib import Path

    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([exe], capture_output=True, text=True, cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 kept, 0 broken" in proc.stdout
