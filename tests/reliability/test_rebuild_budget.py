"""A rebuild within a small memory budget, killed while its posting pools
spill runs to disk, and the --memory option's input."""

from __future__ import annotations

import json
import random
import signal
import subprocess
from pathlib import Path

from hollywood_ai.index.model import Article

from tests.reliability.test_reliability import EXE, cli, generations, seeded
from tests.terminal_support import wait_until


def _spilled_run(home: Path, old: set[str]) -> bool:
    """Whether the new generation's posting pool has written a run to disk."""
    return any(any((home / "index" / name).glob("*.tmp/*.run")) for name in generations(home) - old)


def test_a_rebuild_killed_while_spilling_keeps_the_old_index(tmp_path: Path):
    """A rebuild in a small budget killed while its pools spill runs to disk
    (test_kill_during_rebuild_keeps_the_old_index kills one as it starts)."""
    home = seeded(tmp_path / "home")
    rng = random.Random(3)
    for i in range(600):
        # Words enough for the 16 MiB build's pools to spill runs to disk.
        words = " ".join(f"kw{rng.randrange(5000)}" for _ in range(60))
        body = f"Short note {i} on studios and the zeppelin{i} premiere. {words}."
        article = Article.make(title=f"Note {i}", body=body, origin=f"n{i}")
        path = home / "library" / f"{article.id}.json"
        path.write_text(json.dumps(article.to_dict(with_body=True)), encoding="utf-8")
    assert cli(home, "index").returncode == 0
    before = (home / "index" / "CURRENT").read_text()
    old = generations(home)
    proc = subprocess.Popen([EXE, "--home", str(home), "index", "--rebuild", "--memory", "16MiB"])
    wait_until(lambda: _spilled_run(home, old) or proc.poll() is not None, "a spilled run")
    assert proc.poll() is None, "the rebuild ended before the moment came"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = (home / "index" / "CURRENT").read_text()
    assert after == before or (home / "index" / after).is_dir()
    result = cli(home, "search", "zeppelin599", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["total"] == 1
    assert len(json.loads(cli(home, "list", "--json").stdout)) == 605
    # The next command clears the killed build's folder, runs and all.
    assert generations(home) <= old | {after}


def test_memory_is_a_size(tmp_path: Path):
    home = seeded(tmp_path / "home")
    ok = cli(home, "index", "--rebuild", "--memory", "64MiB", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["rebuilt"]
    bad = cli(home, "index", "--rebuild", "--memory", "lots")
    assert bad.returncode != 0 and "64MiB" in bad.stderr and "Traceback" not in bad.stderr


def test_the_budget_can_be_a_setting(tmp_path: Path):
    """settings.json's index_memory sets a rebuild's budget; a bad one is
    one sentence naming it, a non-zero exit, the index as it was; the
    command's --memory comes first."""
    home = seeded(tmp_path / "home")
    settings = home / "settings.json"
    before = (home / "index" / "CURRENT").read_text()
    for bad, says in (("lots", "not an amount of memory"), ("8MiB", "too little memory")):
        settings.write_text(json.dumps({"index_memory": bad, "sort": "title"}), encoding="utf-8")
        proc = cli(home, "index", "--rebuild")
        assert proc.returncode != 0 and "Traceback" not in proc.stderr
        assert "index_memory" in proc.stderr and says in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert (home / "index" / "CURRENT").read_text() == before
        # What the command asks wins over the setting.
        ok = cli(home, "index", "--rebuild", "--memory", "64MiB", "--json")
        assert ok.returncode == 0 and json.loads(ok.stdout)["rebuilt"]
        before = (home / "index" / "CURRENT").read_text()
    settings.write_text(json.dumps({"index_memory": "48MiB"}), encoding="utf-8")
    good = cli(home, "index", "--rebuild", "--json")
    assert good.returncode == 0 and json.loads(good.stdout)["rebuilt"]
    assert (home / "index" / "CURRENT").read_text() != before


def test_the_reader_keeps_the_setting_when_it_saves_its_own(tmp_path: Path):
    from hollywood_ai.tui.settings import Settings

    (tmp_path / "settings.json").write_text(
        json.dumps({"index_memory": "1GiB", "theme": "nord"}), encoding="utf-8"
    )
    settings = Settings.load(tmp_path)
    settings.sort = "title"
    settings.save(tmp_path)
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["index_memory"] == "1GiB" and saved["sort"] == "title"
    assert Settings.from_dict({"index_memory": 256}).index_memory == "256"  # MiB
    assert Settings.from_dict({"index_memory": [64]}).index_memory == "[64]"  # refused when used
