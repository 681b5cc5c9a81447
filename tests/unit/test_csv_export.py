"""The CSV helper every export shares: formula-looking text is escaped, values keep their form."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from kernel.csv_export import csv_text, safe_cell


@pytest.mark.parametrize("text", ["=1+2", "+44 20", "-5 things", "@SUM(A1)", "\tindent",
                                  "\rreturn"])
def test_text_a_spreadsheet_would_run_gets_a_quote(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(("value", "cell"), [
    ("Bike repair", "Bike repair"), ("a=b", "a=b"), ("", ""), (None, ""), (3, 3), (0.25, 0.25),
    (-1, -1), (True, "true"), (date(2030, 1, 2), "2030-01-02"),
    (datetime(2030, 1, 2, 3, 4, tzinfo=UTC), "2030-01-02T03:04:00+00:00"),
])
def test_other_values_keep_their_form(value: object, cell: object) -> None:
    assert safe_cell(value) == cell


def test_rows_round_trip_through_a_csv_reader() -> None:
    text = csv_text(["title", "n"], [['Say "hi", then =go', 1], ["two\nlines", None]])
    assert text.startswith("title,n\r\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["title", "n"], ['Say "hi", then =go', "1"], ["two\nlines", ""]]
