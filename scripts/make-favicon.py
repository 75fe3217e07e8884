#!/usr/bin/env python3
"""Write the dashboard's icon, ndp's own (GOV.UK's favicons are for services on GOV.UK only):
src/ndp/web/static/favicon.svg, which pages name, and favicon.ico, which /favicon.ico answers
for browsers and tools that ask for it without reading the page. Both are drawn from the same
rectangles (a bar chart on GOV.UK Frontend's blue), the ICO as one 32 x 32 PNG. Standard
library only, and byte for byte the same every run, so the committed files can be checked by
running it again (``git diff --exit-code``)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZE = 32
BLUE, WHITE = "#1d70b8", "#ffffff"
# (x, y, width, height, colour) on a 32 x 32 grid: the square, then three rising bars
RECTS = [(0, 0, 32, 32, BLUE), (5, 18, 6, 9, WHITE), (13, 12, 6, 15, WHITE), (21, 5, 6, 22, WHITE)]
STATIC = Path(__file__).resolve().parent.parent / "src" / "ndp" / "web" / "static"


def svg() -> str:
    shapes = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>' for x, y, w, h, c in RECTS
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">{shapes}</svg>\n'


def png() -> bytes:
    pixels = [[b"\0\0\0\0"] * SIZE for _ in range(SIZE)]
    for x, y, w, h, colour in RECTS:
        rgba = bytes.fromhex(colour[1:]) + b"\xff"
        for row in range(y, y + h):
            pixels[row][x : x + w] = [rgba] * w
    raw = b"".join(b"\0" + b"".join(row) for row in pixels)  # filter 0 on every row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))  # fmt: skip


def ico() -> bytes:
    image = png()
    directory = struct.pack("<HHH", 0, 1, 1)  # reserved, type icon, one image
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


if __name__ == "__main__":
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    (STATIC / "favicon.ico").write_bytes(ico())
