"""EVENTCONNECT_REMINDER_OFFSETS: durations with units d, h, m, s, refused when they are not."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from eventconnect.settings import Settings, parse_duration


def test_the_default_is_a_day_and_an_hour_before_the_start() -> None:
    assert Settings().reminder_offsets == [86_400, 3_600]
    assert Settings().reminder_sweep_seconds == 5


@pytest.mark.parametrize(("text", "seconds"), [
    ("24h", 86_400), ("1d", 86_400), ("90m", 5_400), ("30s", 30), (" 2H ", 7_200)])
def test_a_duration_is_a_whole_number_and_a_unit(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


def test_offsets_come_from_the_environment_largest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCONNECT_REMINDER_OFFSETS", "1h, 7d,15m")
    assert Settings().reminder_offsets == [604_800, 3_600, 900]


@pytest.mark.parametrize("bad", ["", "24", "h", "1x", "-1h", "0s", "1.5h", "1h,1h", "٣h",
                                 "366d", ",".join(f"{n}m" for n in range(1, 12))])
def test_bad_offsets_stop_the_process_at_start(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("EVENTCONNECT_REMINDER_OFFSETS", bad)
    with pytest.raises(ValidationError):
        Settings()


def test_the_sweep_interval_keeps_reminders_within_30_seconds_of_due(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCONNECT_REMINDER_SWEEP_SECONDS", "31")
    with pytest.raises(ValidationError):
        Settings()
