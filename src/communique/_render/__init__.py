"""A record as a static site: :func:`render` writes it.

The site needs no server and fetches nothing: open its ``index.html`` from the file
system. It has a page per entity (a source's page shows its text with every quote of
evidence highlighted), paginated lists by type, the problems ``validate()`` finds, a
timeline, a graph of who took part in which event, and a search over names and ids.

The pages are Jinja2 templates shipped in this package (``templates/``) with their
style sheet and scripts (``static/``).
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from ..record import Record

__all__ = ["PAGE_SIZE", "render"]

#: How many rows a page of a list shows.
PAGE_SIZE = 500


def render(record: Record, folder: str | PathLike[str], *, page_size: int = PAGE_SIZE) -> Path:
    """Write ``record`` as a static site into ``folder`` and return its index page.

    ``folder`` is created; if it exists it must be empty or a site written before
    (it is then replaced whole). The site is written beside it and moved into
    place at the end, so a failure leaves nothing half-written.

    >>> import communique as cq, tempfile, pathlib
    >>> record = cq.load("examples/sco_aies_roundtable/record.yaml")
    >>> index = cq.render(record, pathlib.Path(tempfile.mkdtemp()) / "site")
    >>> index.name, (index.parent / "e" / "person~vladimir-norov.html").exists()
    ('index.html', True)
    """
    try:
        import jinja2  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            "communique.render needs Jinja2: install the 'render' extra "
            "(pip install 'communique[render]')"
        ) from exc
    from ._site import write_site

    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    return write_site(record, Path(folder), page_size=page_size)
