"""The country picker's codes (frontend/src/lib/countries.ts) are exactly the ones the server
accepts: the API validates `location.country` with pycountry (command_api/schemas.py)."""

import re
from pathlib import Path

import pycountry

COUNTRIES_TS = Path(__file__).resolve().parents[2] / "frontend" / "src" / "lib" / "countries.ts"


def _frontend_codes() -> list[str]:
    text = COUNTRIES_TS.read_text(encoding="utf-8")
    match = re.search(r"COUNTRY_CODES\s*=\s*\[(.*?)\]\s*as const", text, re.S)
    assert match, "COUNTRY_CODES = [...] as const not found in countries.ts"
    return re.findall(r"'([A-Z]{2})'", match.group(1))


def test_frontend_country_codes_match_pycountry() -> None:
    codes = _frontend_codes()
    assert len(codes) == len(set(codes)), "a code is listed twice"
    server = {c.alpha_2 for c in pycountry.countries}
    assert set(codes) == server, (
        f"missing in countries.ts: {sorted(server - set(codes))}; "
        f"unknown to the server: {sorted(set(codes) - server)}"
    )
