"""Run the code a documentation page shows, in order, as a reader would.

    python tests/docblocks.py docs/tutorial.md WORKDIR

Fenced blocks are taken by their language:

- ``python``: run, in one namespace for the whole page;
- ``pycon``: run as doctest examples in that namespace, their output checked;
- ``console``: each ``$ communique ...`` line run in a shell, its output checked
  against the lines that follow it;
- a ``{code-block}`` with a ``:caption:`` that is a file name: written to that file,
  so that later blocks can read it.

Every other block (``text``, ``yaml`` without a caption, ``json``, ``sh``) is shown,
not run. The page runs in WORKDIR, where ``examples/`` is the project's own.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(
    r"^(?P<fence>`{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S
)


FILE_NAME = re.compile(r"[\w.-]+(/[\w.-]+)*\.(yaml|yml|json|jsonl|txt)")


@dataclass
class Block:
    language: str
    body: str
    line: int
    options: dict[str, str] = field(default_factory=dict)


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a MyST page, with their directive options."""
    found = []
    for match in FENCE.finditer(text):
        info = match["info"].strip()
        body = match["body"]
        line = text[: match.start()].count("\n") + 1
        options: dict[str, str] = {}
        if info.startswith("{code-block}"):
            language = info.removeprefix("{code-block}").strip()
            lines = body.splitlines(keepends=True)
            while lines and lines[0].startswith(":"):
                key, _, value = lines.pop(0)[1:].partition(":")
                options[key.strip()] = value.strip()
            if lines and not lines[0].strip():
                lines.pop(0)
            body = "".join(lines)
        else:
            language = info.split()[0] if info else ""
        found.append(Block(language, body, line, options))
    return found


def run_console(block: Block, page: str, root: Path) -> list[str]:
    """Run each ``$`` line of a console block; the differences from what it shows."""
    failures = []
    commands: list[tuple[str, list[str]]] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
    program = " ".join(shlex.quote(p) for p in (sys.executable, "-m", "communique"))
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root / "src"), env.get("PYTHONPATH")) if p)
    for command, expected in commands:
        shell = re.sub(r"(^|\| )communique ", lambda m: f"{m[1]}{program} ", command)
        result = subprocess.run(
            shell, shell=True, capture_output=True, text=True, env=env, check=False, timeout=120
        )
        wanted = [w for w in expected if w.strip()]
        got = [g.rstrip() for g in (result.stdout + result.stderr).splitlines() if g.strip()]
        status = re.search(r"# exit (\d+)$", command)
        want_status = int(status[1]) if status else 0
        if result.returncode != want_status:
            failures.append(
                f"{page}:{block.line}: `{command}` exited {result.returncode}:\n{result.stderr}"
            )
        elif wanted and not _matches(wanted, got):
            failures.append(
                f"{page}:{block.line}: `{command}` printed\n  "
                + "\n  ".join(got)
                + "\nnot\n  "
                + "\n  ".join(wanted)
            )
    return failures


def _matches(wanted: list[str], got: list[str]) -> bool:
    """Whether the output is as shown: ``...`` in a line stands for any text, a line
    of its own ``...`` for any number of lines, and runs of spaces for one."""
    pattern = ""
    for line in wanted:
        if line.strip() == "...":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            parts = (re.escape(_spaces(part)) for part in line.rstrip().split("..."))
            pattern += ".*?".join(parts) + "\n"
    text = "\n".join(_spaces(line) for line in got) + "\n"
    return re.fullmatch(pattern, text, re.S) is not None


def _spaces(text: str) -> str:
    # Columns of a table widen with their content: runs of spaces compare as one.
    return re.sub(r" {2,}", " ", text)


def run_page(page: Path, root: Path) -> list[str]:
    """Run the code of one page; the failures, located by page and line."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    failures: list[str] = []
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    parser = doctest.DocTestParser()
    for block in blocks(page.read_text(encoding="utf-8")):
        caption = block.options.get("caption", "")
        # A file the page asks the reader to write (never into the project's examples).
        if FILE_NAME.fullmatch(caption) and not caption.startswith("examples/"):
            target = Path(caption)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
        elif block.language == "python":
            try:
                code = compile(block.body, f"{page}:{block.line}", "exec")
                exec(code, namespace)
            except Exception as exc:  # noqa: BLE001 - every failure is reported with its place
                failures.append(f"{page}:{block.line}: {type(exc).__name__}: {exc}")
                break
        elif block.language == "pycon":
            test = parser.get_doctest(
                block.body, namespace, f"{page}:{block.line}", str(page), block.line
            )
            result = runner.run(test, out=failures.append, clear_globs=False)
            namespace.update(test.globs)
            if result.failed:
                failures.append(f"{page}:{block.line}: {result.failed} example(s) failed")
                break
        elif block.language == "console":
            failures.extend(run_console(block, str(page), root))
    return failures


def main() -> int:
    page = Path(sys.argv[1]).resolve()
    work = Path(sys.argv[2]).resolve()
    root = Path(__file__).resolve().parent.parent
    work.mkdir(parents=True, exist_ok=True)
    examples = work / "examples"
    if not examples.exists():
        examples.symlink_to(root / "examples")
    os.chdir(work)
    failures = run_page(page, root)
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
