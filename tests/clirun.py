"""Running the ``communique`` command as a user does: in a subprocess (or, for tests
that run it many times, in this process: :func:`run_here`).

Each test runs with ``python -m communique`` and, when the installed ``communique``
script sits next to the interpreter (as in the virtual environment ``make test``
builds), with that script too.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "examples" / "sco_aies_roundtable"
SEED = SEED_DIR / "record.yaml"

MODULE = (sys.executable, "-m", "communique")
SCRIPT = Path(sys.executable).parent / "communique"
COMMANDS: list[tuple[str, ...]] = [MODULE]
if SCRIPT.exists():
    COMMANDS.append((str(SCRIPT),))


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    # Without an installation, the module is found in the source tree.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


def run(
    command: tuple[str, ...],
    *args: str | os.PathLike[str],
    stdin: bytes | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command with ``args``; output is captured as text."""
    return subprocess.run(
        [*command, *map(str, args)],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=environment(),
        cwd=cwd,
        timeout=120,
        check=False,
    )


def run_here(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    """Run the command in this process, as :func:`run` does in a subprocess: for the
    property tests, which run it many times over (a subprocess costs the start of
    Python and the import of the package each time)."""
    from communique.cli import main

    out, err = io.StringIO(), io.StringIO()
    argv = [*map(str, args)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return subprocess.CompletedProcess(argv, status, out.getvalue(), err.getvalue())
