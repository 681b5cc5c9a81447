"""The CSV answer's optional byte order mark, and that escaping still applies behind it."""

from kernel.csv_export import csv_response


def test_bom_comes_first_and_cells_stay_escaped() -> None:
    body = csv_response(["name"], [["=HYPERLINK(1)"]], filename="a.csv", bom=True).body
    assert body.startswith(b"\xef\xbb\xbfname\r\n")
    assert b"'=HYPERLINK(1)" in body


def test_no_bom_by_default() -> None:
    body = csv_response(["name"], [["Zoë"]], filename="a.csv").body
    assert body.startswith(b"name\r\n")
    assert "Zoë".encode() in body
