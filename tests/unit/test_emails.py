"""The e-mail fast path gives exactly pydantic's EmailStr verdict and normal form."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, EmailStr, ValidationError

from kernel.emails import Email


class Fast(BaseModel):
    email: Email


class Reference(BaseModel):
    email: EmailStr


ADDRESSES = [
    "asha@example.org", "Asha.Rao@Example.ORG", "  padded@x.org ", "o'neil+tag@sub.x.co.uk",
    "a!#$%&'*+/=?^_`{|}~-z@x.org", "dots.in.a.row@x.org", "..double@x.org", "a..b@x.org",
    "trailing.@x.org", ".leading@x.org", "no-at-sign.x.org", "two@@x.org", "a@b@x.org",
    "user@localhost", "user@x.test", "user@x.invalid", "user@-x.org", "user@x-.org",
    "user@x..org", "user@x.org.", "user@123.123.123.123", "user@[127.0.0.1]", "user@x",
    "user@münchen.de", "jörg@x.org", '"quoted local"@x.org', "Asha Rao <asha@x.org>",
    "a" * 64 + "@x.org", "a" * 65 + "@x.org", "u@" + "d" * 63 + ".org", "u@" + "d" * 64 + ".org",
    "u@" + ".".join(["label"] * 41) + ".org", "", "@x.org", "user@", "us er@x.org",
    "user@exa_mple.org", "user@x.c0m", "user@x.123",
]


def _verdict(model: type[BaseModel], address: str) -> str:
    try:
        return model(email=address).email  # type: ignore[call-arg]
    except ValidationError:
        return "invalid"


@pytest.mark.parametrize("address", ADDRESSES)
def test_same_verdict_and_normal_form_as_email_str(address: str) -> None:
    assert _verdict(Fast, address) == _verdict(Reference, address)


def test_a_remembered_domain_still_checks_the_local_part() -> None:
    assert _verdict(Fast, "ok@remembered.org") == "ok@remembered.org"
    assert _verdict(Fast, "not ok@remembered.org") == "invalid"
    assert _verdict(Fast, "x" * 250 + "@remembered.org") == "invalid"
