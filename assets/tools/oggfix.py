"""Make an Ogg file reproducible: libsndfile gives each stream a random serial number.

``fix_serial(path, serial)`` rewrites every page's serial number to ``serial`` and recomputes the
page's CRC, so that the same audio always gives the same bytes.
"""

from __future__ import annotations

import pathlib
import struct


def _crc_table() -> list[int]:
    table = []
    for i in range(256):
        r = i << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) if r & 0x80000000 else (r << 1)
        table.append(r & 0xFFFFFFFF)
    return table


_TABLE = _crc_table()


def ogg_crc(data: bytes) -> int:
    """The Ogg page checksum (CRC-32, polynomial 0x04C11DB7, not reflected, starting at 0)."""
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _TABLE[((crc >> 24) ^ byte) & 0xFF]
    return crc


def fix_serial(path: pathlib.Path, serial: int) -> None:
    """Sets the stream serial number of every page of the Ogg file at ``path``."""
    data = bytearray(pathlib.Path(path).read_bytes())
    pos = 0
    while pos < len(data):
        if data[pos : pos + 4] != b"OggS":
            raise ValueError(f"{path}: no Ogg page at byte {pos}")
        segments = data[pos + 26]
        size = 27 + segments + sum(data[pos + 27 : pos + 27 + segments])
        struct.pack_into("<I", data, pos + 14, serial)
        struct.pack_into("<I", data, pos + 22, 0)
        struct.pack_into("<I", data, pos + 22, ogg_crc(bytes(data[pos : pos + size])))
        pos += size
    pathlib.Path(path).write_bytes(bytes(data))
