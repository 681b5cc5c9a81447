"""The input types at the edge: what a read model cannot store or render is refused."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, StringConstraints, TypeAdapter, ValidationError

from command_api.schemas import CancelEventIn, Location
from kernel.inputs import MULTI_LINE, SINGLE_LINE, Instant, casefolded_within

Line = TypeAdapter(Annotated[str, StringConstraints(strip_whitespace=True, max_length=10),
                             SINGLE_LINE])
Text = TypeAdapter(Annotated[str, StringConstraints(max_length=10), MULTI_LINE])
When = TypeAdapter(Instant)


# Inside the text: at its ends, str.strip already removes the ones Python calls whitespace
# (U+001C-U+001F, U+0085), so they are never stored.
@pytest.mark.parametrize("value", ["\x00", "a\x00", "\x1b", "\x7f", "a\x85b", "\x9f", "a\ud800",
                                   "\ufffe", "\uffff", "a\nb", "a\tb", "a\x1fb"])
def test_one_line_text_refuses_controls_surrogates_and_noncharacters(value: str) -> None:
    with pytest.raises(ValidationError, match=r"one line|unicode"):
        Line.validate_python(value)


def test_one_line_text_keeps_other_unicode_and_strips() -> None:
    assert Line.validate_python("  Zoë 😀 ") == "Zoë 😀"


def test_free_text_allows_newline_and_tab_and_folds_crlf() -> None:
    assert Text.validate_python("a\r\nb\rc\td") == "a\nb\nc\td"
    with pytest.raises(ValidationError):
        Text.validate_python("a\x00")


def test_the_folded_length_counts() -> None:
    class City(BaseModel):
        city: Annotated[str, StringConstraints(max_length=4), casefolded_within(4)]

    assert City(city="Maß").city == "Maß"  # "mass": 4
    with pytest.raises(ValidationError, match="case-folded"):
        City(city="Maße")  # "masse": 5
    with pytest.raises(ValidationError, match="case-folded"):
        Location(country="DE", city="ß" * 100)
    assert Location(country="DE", city="ß" * 50).city == "ß" * 50


@pytest.mark.parametrize("value", ["1970-01-01T00:00:00Z", "8999-12-31T23:59:59Z",
                                   "8999-12-31T23:59:59+14:00", "1970-01-01T00:00:00-12:00"])
def test_instants_in_range_are_accepted(value: str) -> None:
    When.validate_python(value)


@pytest.mark.parametrize("value", ["1969-12-31T23:59:59Z", "9000-01-01T00:00:00Z",
                                   "9999-12-31T23:59:59-12:00", "9999-12-31T20:00:00-12:00",
                                   "0001-01-01T00:00:00+14:00", "1970-01-01T00:00:00+14:00"])
def test_instants_out_of_range_are_refused_without_overflow(value: str) -> None:
    with pytest.raises(ValidationError, match="must lie from 1970-01-01"):
        When.validate_python(value)


def test_a_cancel_reason_is_free_text() -> None:
    assert CancelEventIn(reason="Storm.\r\nSorry!").reason == "Storm.\nSorry!"
