"""``govkg build`` and the atomic writer: interrupted builds, failed writes and input expansion.

The interrupt tests run the real console script and send it SIGINT (Ctrl-C) or SIGTERM while it is
extracting: the previous outputs must be left byte for byte, no ``.govkg.*.tmp`` file may remain, and
the command must end with one ``error:`` line and exit 130.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest
from commands import govkg_command
from typer.testing import CliRunner

from kg.cli.build import OUTPUT_NAMES, expand_inputs
from kg.rdf.serialize import atomic_write, write_all

PRIOR = {"govkg.ttl": b"# previous turtle\n", "govkg.jsonld": b"{}\n", "govkg.html": b"<p>previous</p>\n"}
TEXT = "江苏省委、省政府印发《关于加强基层治理体系建设的意见》，推动社会组织参与社区治理。\n"


def _prior(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in PRIOR.items():
        (out / name).write_bytes(data)


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".govkg*") if p.name.endswith(".tmp"))


# -- interrupting a running build ------------------------------------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_keeps_previous_outputs(tmp_path: Path, sig: signal.Signals) -> None:
    from kg.resources import sample_text

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(40):  # long enough that the build is still extracting when the signal comes, even when
        # the machine is loaded and the signal is sent late (6 files were done before it under load)
        (docs / f"{i:02d}.txt").write_text(sample_text() + f"\n附件{i}。\n", encoding="utf-8")
    out = tmp_path / "out"
    _prior(out)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([*govkg_command(), "-v", "build", "docs", "-o", "out", "--no-html"], cwd=tmp_path,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    seen, deadline = b"", time.monotonic() + 120
    try:
        # wait until the second file is being extracted (the pipeline is loaded and working)
        while b"01.txt: extracting" not in seen:
            assert time.monotonic() < deadline and proc.poll() is None, seen.decode(errors="replace")
            ready, _, _ = select.select([proc.stderr], [], [], 1.0)
            if ready:
                seen += os.read(proc.stderr.fileno(), 65536)
        time.sleep(0.3)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = (seen + stderr).decode(errors="replace")
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: interrupted: nothing was written, out is as it was"], stderr
    assert _state(out) == PRIOR
    assert _temp_files(tmp_path) == []


# -- the atomic writer ------------------------------------------------------------------------------------

def test_write_all_replaces_every_file(tmp_path: Path) -> None:
    _prior(tmp_path)
    written = write_all({tmp_path / "govkg.ttl": "new ttl", tmp_path / "govkg.jsonld": "新"})
    assert written == [tmp_path / "govkg.ttl", tmp_path / "govkg.jsonld"]
    assert (tmp_path / "govkg.ttl").read_text() == "new ttl"
    assert (tmp_path / "govkg.jsonld").read_text(encoding="utf-8") == "新"
    assert (tmp_path / "govkg.html").read_bytes() == PRIOR["govkg.html"]
    assert _temp_files(tmp_path) == []


def test_write_all_failing_midway_leaves_old_files_and_no_temp_files(tmp_path: Path) -> None:
    """The second text cannot be encoded (a lone surrogate): nothing is replaced and the temporary
    files of both the finished and the failed write are gone."""
    _prior(tmp_path)
    with pytest.raises(UnicodeEncodeError):
        write_all({tmp_path / "govkg.ttl": "new", tmp_path / "govkg.jsonld": "bad \ud800",
                   tmp_path / "govkg.html": "new"})
    assert _state(tmp_path) == PRIOR
    assert _temp_files(tmp_path) == []


def test_write_all_interrupted_before_renaming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _prior(tmp_path)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_all({tmp_path / name: "new" for name in OUTPUT_NAMES})
    monkeypatch.undo()
    assert _state(tmp_path) == PRIOR
    assert _temp_files(tmp_path) == []


def test_atomic_write_keeps_old_content_when_the_block_fails(tmp_path: Path) -> None:
    target = tmp_path / "govkg.ttl"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as fh:
        fh.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert _temp_files(tmp_path) == []
    with atomic_write(target) as fh:
        fh.write("new")
    assert target.read_text() == "new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# -- which files a build reads ----------------------------------------------------------------------------

def test_expand_inputs_sorted_regular_files_and_reasons(tmp_path: Path) -> None:
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.md", "sub/c.html", "notes.docx", "sub/d.HTM"):
        (d / name).write_text(TEXT, encoding="utf-8")
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "pipe.txt")
    (d / "out").mkdir()
    (d / "out" / "govkg.html").write_text("<p>old output</p>", encoding="utf-8")
    files, warnings = expand_inputs([d, tmp_path / "missing.txt"],
                                    exclude=tuple(d / "out" / n for n in OUTPUT_NAMES))
    assert [f.relative_to(d).as_posix() for f in files] == ["a.md", "b.txt", "sub/c.html", "sub/d.HTM"]
    assert any("dangling.txt" in w and "broken" in w for w in warnings)
    assert any("missing.txt" in w and "no such file" in w for w in warnings)
    if hasattr(os, "mkfifo"):
        assert any("pipe.txt" in w and "not a regular file" in w for w in warnings)


def test_an_extractor_crash_on_one_file_skips_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the extractor on one file costs that file only (a one-line warning), not the build."""
    import kg.pipeline
    from kg.cli import _register, app

    _register()
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "crash.txt").write_text(TEXT + "附件。\n", encoding="utf-8")
    real = kg.pipeline.extract_document

    def flaky(document, *, nlp=None):
        if document.meta.source and document.meta.source.endswith("crash.txt"):
            raise IndexError("list index out of range\nsecond line")
        return real(document, nlp=nlp)

    monkeypatch.setattr(kg.pipeline, "extract_document", flaky)
    result = CliRunner().invoke(app, ["build", str(tmp_path / "ok.txt"), str(tmp_path / "crash.txt"),
                                      "-o", str(tmp_path / "out"), "--no-html", "--no-validate"])
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if "crash.txt" in line]
    assert len(warning) == 1 and "extraction failed (IndexError: list index out of range)" in warning[0]
    assert (tmp_path / "out" / "govkg.ttl").exists()
    result = CliRunner().invoke(app, ["build", str(tmp_path / "crash.txt"), "-o", str(tmp_path / "out2")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert not (tmp_path / "out2").exists()


def test_error_naming_a_path_with_brackets_is_still_one_line(tmp_path: Path) -> None:
    d = tmp_path / "a["
    d.mkdir()
    (d / "]b.txt").write_bytes(b"")  # the path a[/]b.txt reads as a closing markup tag
    proc = subprocess.run([*govkg_command(), "build", "a[/]b.txt", "-o", "out"], cwd=tmp_path, check=False,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == ["error: a[/]b.txt: the file is empty"]
    assert proc.returncode == 1


def test_an_unwritable_out_fails_before_extracting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output folder is checked first: a user does not wait for the extraction to learn it."""
    import kg.pipeline
    from kg.cli import _register, app

    _register()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    called = []
    monkeypatch.setattr(kg.pipeline, "extract_document", lambda *a, **k: called.append(1))
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "-o", "/proc/govkg-test/out"])
    assert result.exit_code == 1 and "cannot write" in result.output and "Traceback" not in result.output
    assert called == []
    # a corpus build into a store does not write to --out (unless --format asks): no check there
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--store", str(tmp_path / "st"),
                                      "-o", "/proc/govkg-test/out"])
    assert result.exit_code == 0, result.output


def test_python_m_kg_cli_runs_govkg(tmp_path: Path):
    # `python -m kg.cli` (a checkout on PYTHONPATH, no console script) said "'kg.cli' is a package and
    # cannot be directly executed"
    import sys

    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--list"], cwd=tmp_path, check=False,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "actors_mechanisms" in proc.stdout
