"""The unsubscribe link of reminder emails: a page with a button (GET) and the change (POST, also
RFC 8058 one-click from a mail client's own button).

The token (kernel/links.py, purpose "unsubscribe") names a guest's registration
(`registration:<hex>`: that registration gets no more reminders) or a member
(`member:<account id>`: their `notifications.reminders` preference goes off). Nobody signs in:
the signed link is the authority, and following it twice changes nothing more.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from typing import Annotated, Any, Literal
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import StringConstraints

from command_api.deps import AccountsDep, WriteModelDep
from command_api.domain.errors import AccountDeactivated
from command_api.routes.common import PROBLEM, TRANSPORT_ERRORS, positioned
from command_api.schemas import Positioned
from kernel.links import verify
from kernel.problems import Problem

PURPOSE = "unsubscribe"
# `<kind>:<id>.<signature>`: anything longer or stranger is no link of ours.
UnsubscribeToken = Annotated[str, StringConstraints(min_length=1, max_length=200,
                                                    pattern=r"^[A-Za-z0-9:._-]+$")]
TokenQuery = Annotated[UnsubscribeToken, Query(description="From the email's unsubscribe link")]

ERRORS: dict[int | str, dict[str, Any]] = {
    **TRANSPORT_ERRORS,
    404: {"description": "Not a valid unsubscribe link (`invalid_link`), or what it names is gone "
                         "(`not_found`)", "content": PROBLEM},
    422: {"description": "Malformed token (`validation_error`)", "content": PROBLEM},
}

router = APIRouter(prefix="/api/unsubscribe", tags=["notifications"], responses=ERRORS)

# The page's only style, allowed by its hash: the page loads nothing and runs no script.
STYLE = ("body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;"
         "line-height:1.5}button{font:inherit;padding:.5rem 1.25rem;cursor:pointer}")
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
PAGE_CSP = (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


class UnsubscribedOut(Positioned):
    unsubscribed: Literal["registration", "member"]


def _page(title: str, body: str) -> HTMLResponse:
    html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>")
    return HTMLResponse(html, headers={"Content-Security-Policy": PAGE_CSP,
                                       "Cache-Control": "no-store"})


@router.get("", response_class=HTMLResponse,
            responses={200: {"content": {"text/html": {}}, "description": "The page"}})
def unsubscribe_page(request: Request, token: TokenQuery) -> HTMLResponse:
    """A page with one button that stops reminders for the link's registration or member."""
    _subject_for(request, token)  # a bad link says so at once, not after the click
    action = f"/api/unsubscribe?token={quote(token, safe='')}"
    return _page("Stop reminders?", (
        "<p>You will get no more reminder emails for this registration (members: for any "
        "event; you can switch them back on in your profile).</p>"
        f'<form method="post" action="{escape(action)}"><button type="submit">'
        "Unsubscribe</button></form>"))


@router.post("", response_model=UnsubscribedOut,
             responses={200: {"content": {"text/html": {}},
                              "description": "JSON, or a confirmation page for a browser form"}})
def unsubscribe(request: Request, token: TokenQuery, app: WriteModelDep, accounts: AccountsDep,
                response: Response) -> Any:
    """Stop reminders for the link's registration (guests) or member. Accepts RFC 8058 one-click
    posts (`List-Unsubscribe=One-Click`); any body is ignored."""
    kind, identifier = _subject_for(request, token)
    if kind == "registration":
        position = app.stop_reminders(identifier, actor="guest")
    else:
        try:
            _, position = accounts.change_notifications(identifier, actor=str(identifier),
                                                        reminders=False)
        except AccountDeactivated:
            position = 0  # a deactivated account is sent nothing anyway
    if "text/html" in request.headers.get("accept", ""):
        page = _page("Unsubscribed", "<p>You will get no more reminder emails.</p>")
        page.headers["X-Position"] = str(position)
        return page
    return positioned(response, UnsubscribedOut(unsubscribed=kind, position=position))


def _subject_for(request: Request, token: str) -> tuple[Literal["registration", "member"], UUID]:
    kind, _, identifier = verify(request.app.state.container.link_secret, PURPOSE,
                                 token).partition(":")
    if kind in ("registration", "member"):
        try:
            return kind, UUID(identifier)  # type: ignore[return-value]
        except ValueError:
            pass
    raise Problem(404, "invalid_link", "This link is not valid.")
