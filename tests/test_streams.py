"""Standard output as a command writes it: the bytes of a dump beside text."""

from __future__ import annotations

import errno
import io

import pytest

from communique._streams import Output, StreamError


class _Refusing(io.BytesIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self._error = error

    def write(self, data: object, /) -> int:
        raise self._error


def test_bytes_follow_the_text_written_before_them() -> None:
    raw = io.BytesIO()
    target = io.TextIOWrapper(raw, encoding="utf-8")
    target.write("before\n")  # held in the text layer's buffer
    out = Output(target)
    binary = out.utf8_bytes()
    assert binary is not None
    assert binary.write(b"\xc2\xa0dump\n") == 7
    out.write("after\n")
    out.flush()
    assert raw.getvalue() == "before\n\xa0dump\nafter\n".encode()


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "utf-16"])
def test_an_output_in_another_encoding_has_no_bytes_to_give(encoding: str) -> None:
    assert Output(io.TextIOWrapper(io.BytesIO(), encoding=encoding)).utf8_bytes() is None


def test_an_output_without_a_byte_layer_has_none_to_give() -> None:
    assert Output(io.StringIO()).utf8_bytes() is None
    assert Output(io.TextIOWrapper(io.BytesIO(), encoding="UTF8")).utf8_bytes() is not None


def test_a_failed_write_of_bytes_says_why() -> None:
    full = io.TextIOWrapper(
        _Refusing(OSError(errno.ENOSPC, "No space left on device")), encoding="utf-8"
    )
    binary = Output(full).utf8_bytes()
    assert binary is not None
    with pytest.raises(StreamError, match=r"^cannot write to standard output: No space left"):
        binary.write(b"x")
    gone = Output(io.TextIOWrapper(_Refusing(BrokenPipeError()), encoding="utf-8")).utf8_bytes()
    assert gone is not None
    with pytest.raises(BrokenPipeError):
        gone.write(b"x")


def test_a_closed_output_says_so() -> None:
    with pytest.raises(StreamError, match="standard output is closed"):
        Output(None).utf8_bytes()
