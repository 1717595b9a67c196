"""Small images for tests, written byte by byte (no imaging library needed)."""

from __future__ import annotations

import struct
import zlib


def png(width: int, height: int) -> bytes:
    """An RGB PNG of that size in jdgen's green, its chunks' checksums right (a height of 0
    makes a malformed one)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\0" + b"\x0b\x6e\x4f" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
