"""The poison values, and every string and instant field of every command body, found in the
OpenAPI document (so a field added later is swept too)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kernel.inputs import MAX_INSTANT, MIN_INSTANT

TEXT_VALUES = [
    "\x00", "a\x00b", "\x01", "\x08", "\x1b[31mred", "\x7f", "\x85", "\x9f", "\ud800",
    "\udfff", "x\ud83d", "\ufffe", "\uffff", "line\nbreak", "tab\there", "cr\rlf", "  ",
    "", "\u2028", "\u202e", "\U0001f600",
]
# Each repeated to the field's maximum length: case-folding doubles or triples them.
EXPANDING = ["ß", "ŉ", "ﬃ", "ΐ", "x"]
INSTANT_VALUES = [
    "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00-12:00",
    "9999-12-31T23:59:59-12:00", "9999-12-31T23:59:59+14:00", "9999-12-31T20:00:00-12:00",
    "1970-01-01T00:00:00+14:00", "1970-01-01T00:00:00-12:00",
    "2030-06-01T12:00:00+14:00", "2030-06-01T12:00:00-12:00",
    (MIN_INSTANT.replace(second=1)).isoformat(), MIN_INSTANT.isoformat(),
    "1969-12-31T23:59:59+00:00",
    "8999-12-31T23:59:59+00:00", MAX_INSTANT.isoformat(), "9000-01-01T00:00:01+00:00",
]


@dataclass(frozen=True)
class Field:
    method: str
    path: str  # the OpenAPI path template
    location: tuple[str | int, ...]  # inside the JSON body
    kind: str  # "text", "instant", "secret", "email", "url"
    max_length: int | None

    def __str__(self) -> str:
        return f"{self.method} {self.path} {'.'.join(map(str, self.location))}"


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for alternative in schema.get("anyOf", []):
        if alternative.get("type") != "null":
            return _resolve(alternative, spec)
    return schema


def _fields(schema: dict[str, Any], spec: dict[str, Any],
            at: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str, int | None]]:
    schema = _resolve(schema, spec)
    if schema.get("type") == "object" or "properties" in schema:
        for name, sub in schema.get("properties", {}).items():
            yield from _fields(sub, spec, (*at, name))
    elif schema.get("type") == "array":
        yield from _fields(schema.get("items", {}), spec, (*at, 0))
    elif schema.get("type") == "string" and "enum" not in schema and "const" not in schema:
        kind = {"date-time": "instant", "password": "secret", "email": "email",
                "uri": "url"}.get(schema.get("format", ""), "text")
        yield at, kind, schema.get("maxLength")


def command_fields(spec: dict[str, Any]) -> list[Field]:
    """Every string and instant field of every JSON command body."""
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            for location, kind, max_length in _fields(content["application/json"]["schema"],
                                                      spec, ()):
                found.append(Field(method.upper(), path, location, kind, max_length))
    return found


def values_for(field: Field) -> list[Any]:
    if field.kind == "instant":
        return INSTANT_VALUES
    length = field.max_length or 100
    values: list[Any] = [*TEXT_VALUES, *(c * length for c in EXPANDING)]
    if field.kind == "url":
        values += [f"https://example.org/{c * length}" for c in ("ß", "é", "x")]
        values += ["https://ß.example/", f"https://{'ﬃ' * 60}.example/"]
    if field.kind == "email":
        values += ["a\x00b@example.org", f"{'x' * 64}@{'ß' * 60}.example", "a@\ud800.org"]
    return values


def query_parameters(spec: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, parameter, kind) of every query parameter of every GET, kind as above."""
    found = []
    for path, operations in spec["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] != "query":
                continue
            schema = _resolve(parameter.get("schema", {}), spec)
            kind = "instant" if schema.get("format") == "date-time" else "text"
            found.append((path, parameter["name"], kind))
    return found


def _out_of_range(value: str) -> bool:
    try:
        instant = datetime.fromisoformat(value).astimezone(UTC)
    except (ValueError, OverflowError):
        return True
    return not MIN_INSTANT <= instant < MAX_INSTANT


def must_refuse(field: Field, value: str) -> bool:
    """Values the edge itself must refuse, naming the field: what no read model could store."""
    if field.kind == "instant":
        return _out_of_range(value)
    if field.kind == "secret":  # any character with a UTF-8 form makes a password
        return "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value)
    return value in TEXT_VALUES[:13] or (value[:1] in "ßŉﬃΐ" and value[:1] * len(value) == value
                                        and field.path.endswith(("/api/events", "{event_id}"))
                                        and field.location[-1] == "city")
