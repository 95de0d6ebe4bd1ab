"""Reader start-up and peak memory, measured in a real terminal (tmux).

The time is from launching the command until the article list is on screen
(polling ``tmux capture-pane``), next to a minimal Textual app that shows a
three-item list, measured the same way in the same run.

    python -m bench.startup --home HOME [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

MINIMAL = Path(__file__).with_name("minimal_app.py")


SOCKET = f"hollywood-bench-{os.getpid()}"  # a server of our own: other tmux use cannot disturb it


def _tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False
    ).stdout


def time_to_screen(
    command: list[str],
    marker: str,
    size: tuple[int, int] = (120, 40),
    timeout: float = 30.0,
    env: dict[str, str] | None = None,
) -> tuple[float, int]:
    """Seconds until ``marker`` is on the screen, and the process's peak RSS (KiB)
    read right then from /proc."""
    session = f"bench{os.getpid()}{time.monotonic_ns() % 100000}"
    shell_env = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
    cmd = f"exec env {shell_env} {shlex.join(command)}"
    start = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "-L",
            SOCKET,
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            cmd,
        ],
        check=True,
    )
    try:
        pid = int(_tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip() or 0)
        while True:
            screen = _tmux("capture-pane", "-p", "-t", session)
            if marker in screen:
                elapsed = time.perf_counter() - start
                break
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"{marker!r} did not appear within {timeout} s:\n{screen}")
            time.sleep(0.005)
        peak = _peak_rss(pid)
    finally:
        subprocess.run(
            ["tmux", "-L", SOCKET, "kill-session", "-t", session], capture_output=True, check=False
        )
    return elapsed, peak


def _peak_rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def reader_command(home: Path) -> list[str]:
    exe = shutil.which("hollywood-ai") or str(Path(sys.executable).parent / "hollywood-ai")
    return [exe, "--home", str(home)]


def compile_reader() -> None:
    """Byte-compile the reader's package, as installing it does: Textual is
    compiled in site-packages, and an editable install run with
    PYTHONDONTWRITEBYTECODE set would otherwise compile every module of the
    reader at each start (about 300 ms here), which no installed reader does."""
    import compileall
    import importlib.util

    for package in ("hollywood_ai.index", "hollywood_ai.tui", "hollywood_ai.seeds"):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            if Path(folder).is_dir():  # not the editable install's path hook
                compileall.compile_dir(folder, quiet=1)


def measure(
    home: Path, runs: int = 7, list_marker: str = "Articles (", compiled: bool = True
) -> dict[str, float]:
    """Median start-up of the reader and of the minimal app, and their ratio
    (the reader byte-compiled first, unless ``compiled`` is false)."""
    env = {"TEXTUAL_ANIMATIONS": "none"}
    if compiled:
        compile_reader()
    # A session kept open for the whole run: the server neither starts nor
    # exits between launches (which raced with the next launch, and would
    # add its start to every figure).
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-s", "keep", "sleep 86400"], check=True
    )
    try:
        return _measure(home, runs, list_marker, env)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True, check=False)


def _measure(home: Path, runs: int, list_marker: str, env: dict[str, str]) -> dict[str, float]:
    # One warm-up run of each: the home is warm (index built) and files cached.
    time_to_screen(reader_command(home), list_marker, env=env)
    time_to_screen([sys.executable, str(MINIMAL)], "third item", env=env)
    ours, floor, rss = [], [], []
    for _ in range(runs):
        t, peak = time_to_screen(reader_command(home), list_marker, env=env)
        ours.append(t)
        rss.append(peak)
        floor.append(time_to_screen([sys.executable, str(MINIMAL)], "third item", env=env)[0])
    return {
        "reader_startup_ms": round(statistics.median(ours) * 1000, 1),
        "minimal_app_startup_ms": round(statistics.median(floor) * 1000, 1),
        "ratio": round(statistics.median(ours) / statistics.median(floor), 2),
        "reader_peak_rss_mib": round(max(rss) / 1024, 1),
    }


def measure_remembering(
    home: Path, position: float, runs: int = 7, list_marker: str = "Articles ("
) -> dict[str, float]:
    """measure() with the reader remembering the article ``position`` of the
    way down its list (0: the newest, 0.9: nine tenths down), as a person
    who left it there would start it; the home's settings are put back after."""
    from hollywood_ai.index.workspace import Workspace

    ws = Workspace(home)
    listing = ws.listing()
    ws.close()
    article = listing[min(len(listing) - 1, int(position * len(listing)))]
    path = home / "settings.json"
    before = path.read_bytes() if path.exists() else None
    path.write_text(json.dumps({"article": article.id}), encoding="utf-8")
    try:
        return {"remembered_row": listing.index(article) + 1, **measure(home, runs, list_marker)}
    finally:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(before)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--no-compile",
        action="store_true",
        help="measure the reader's modules as they are, without byte-compiling them first",
    )
    args = parser.parse_args(argv)
    if not shutil.which("tmux"):
        print("tmux is needed for this benchmark", file=sys.stderr)
        return 1
    print(json.dumps(measure(args.home, args.runs, compiled=not args.no_compile), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
