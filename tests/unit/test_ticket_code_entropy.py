"""Ticket codes are unguessable: 80 bits of HMAC, not derivable from the registration id alone."""

import uuid

from kernel.tickets import TICKET_CODE_LENGTH, is_ticket_code, normalise_ticket_code, ticket_code

ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def test_code_is_16_base32_characters_80_bits() -> None:
    code = ticket_code("secret", uuid.uuid4())
    assert len(code) == TICKET_CODE_LENGTH == 16
    assert set(code) <= ALPHABET  # 5 bits a character: 80 bits in all


def test_code_depends_on_the_secret_not_only_on_the_id() -> None:
    rid = uuid.uuid4()
    assert ticket_code("one secret", rid) != ticket_code("another secret", rid)
    assert ticket_code("one secret", rid) == ticket_code("one secret", rid)


def test_codes_do_not_collide_and_spread_over_the_alphabet() -> None:
    codes = {ticket_code("s", uuid.UUID(int=n)) for n in range(5000)}
    assert len(codes) == 5000
    seen = {ch for code in codes for ch in code}
    assert seen == ALPHABET


def test_typed_code_is_normalised_and_a_near_miss_is_refused() -> None:
    rid = uuid.uuid4()
    code = ticket_code("s", rid)
    typed = f" {code[:4].lower()}-{code[4:8]} {code[8:]} "
    assert normalise_ticket_code(typed) == code
    assert is_ticket_code("s", rid, typed)
    wrong = ("A" if code[-1] != "A" else "B")
    assert not is_ticket_code("s", rid, code[:-1] + wrong)
