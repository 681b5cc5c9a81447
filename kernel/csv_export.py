"""CSV answers: one helper for every export (analytics tables, the attendee list), so each is
escaped the same way.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula (OWASP "CSV injection"); such text cells get a leading `'`, which makes them plain text
and shows as the value itself. Numbers are written as they are: they come from our counts, not
from a person's input.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from fastapi import Response

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str | int | float:
    """The cell as written: None empty, instants and dates ISO 8601, text escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A header row and the rows, each cell through `safe_cell`, CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def csv_response(header: Sequence[str], rows: Iterable[Sequence[Any]], *,
                 filename: str, bom: bool = False) -> Response:
    """A `text/csv` answer a browser saves as `filename`; `bom` puts a UTF-8 byte order mark
    first, because Excel reads a BOM-less CSV as the local code page and garbles accented names."""
    text = ("\ufeff" if bom else "") + csv_text(header, rows)
    return Response(text, media_type=CSV_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def csv_content(example: str) -> dict[int | str, dict[str, Any]]:
    """How a route declares its `text/csv` answer in OpenAPI (beside its JSON one)."""
    return {200: {"content": {"text/csv": {"schema": {"type": "string"}, "example": example}}}}
