"""gzip: the same bytes in, the same bytes out."""

from __future__ import annotations

import gzip
import io

from communique.formats import gzip as gzip_format


def test_writer_and_compress_agree_and_are_deterministic() -> None:
    data = b'{"communique": "1.0", "entities": []}\n' * 100
    out = io.BytesIO()
    with gzip_format.writer(out) as stream:
        stream.write(data)
    assert out.getvalue() == gzip_format.compress(data)
    assert gzip.decompress(out.getvalue()) == data
    # No file name (FLG.FNAME unset) and no time (MTIME zero) in the header.
    assert out.getvalue()[3] & 0x08 == 0
    assert out.getvalue()[4:8] == bytes(4)


def test_reader_decompresses_as_it_is_read() -> None:
    packed = io.BytesIO(gzip_format.compress(b"line one\nline two\n"))
    with gzip_format.reader(packed) as stream:
        assert stream.readline() == b"line one\n"
        assert stream.read() == b"line two\n"
