"""PNG bytes of a surface, written here with zlib.

pygame-ce's `pygame.image.save` into a `BytesIO` never releases what it allocates for the file
object (about the size of the picture, every time): one per autosave grew a long-running game by
~1.8 MB a playthrough. A picture's pixels, a filter byte per row, zlib and three chunks are a PNG.
"""

from __future__ import annotations

import struct
import zlib

import pygame

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bytes(surface: pygame.Surface) -> bytes:
    """An 8-bit RGB PNG of `surface` (alpha dropped)."""
    width, height = surface.get_size()
    pixels = pygame.image.tobytes(surface, "RGB")
    stride = width * 3
    rows = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    return (
        _SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 6)) + _chunk(b"IEND", b"")
    )
