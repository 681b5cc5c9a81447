"""A ticket code as a QR code: SVG for the web page, PNG for emails (mail clients show an
attached PNG; few render SVG). Medium error correction survives a cracked phone screen."""

from __future__ import annotations

import io

import segno


def qr_svg(code: str) -> str:
    """A standalone SVG document (with its namespace: browsers draw it as an `<img>`)."""
    out = io.BytesIO()
    segno.make_qr(code, error="m").save(out, kind="svg", xmldecl=False, svgns=True, scale=6,
                                        border=2, title="Ticket " + code)
    return out.getvalue().decode()


def qr_png(code: str) -> bytes:
    out = io.BytesIO()
    segno.make_qr(code, error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()
