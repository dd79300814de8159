#!/usr/bin/env python3
"""Measure sounds and draw their spectrograms: the way this project listens.

    .venv/bin/python assets/tools/listen.py assets/sounds/theme.ogg assets/sounds/village.ogg
    .venv/bin/python assets/tools/listen.py --png /tmp/theme.png assets/sounds/theme.ogg

For each file it prints the length, the peak and RMS in dBFS, the DC offset, an approximate
integrated and maximum short-term loudness (ITU-R BS.1770 K-weighting and gating, applied in the
frequency domain: "LUFS-ish"), and for loops the seam: how big the jump from the last sample to
the first is compared with the ordinary step between neighbouring samples, and the loudness of
the last and first 50 ms. ``--png`` draws a log-frequency spectrogram of the first file (Pillow).

Needs numpy and soundfile; Pillow for ``--png``.
"""

from __future__ import annotations

import pathlib
import sys

import numpy as np


def db(x: float) -> float:
    return 20 * np.log10(max(x, 1e-12))


def _k_weighting(freqs: np.ndarray, sr: int) -> np.ndarray:
    """|H(f)| of the BS.1770 pre-filter (high shelf) and RLB high-pass, at any sample rate."""
    from math import cos, pi, sin, sqrt

    def biquad_response(b: list[float], a: list[float]) -> np.ndarray:
        z = np.exp(-2j * np.pi * freqs / sr)
        return np.abs((b[0] + b[1] * z + b[2] * z**2) / (a[0] + a[1] * z + a[2] * z**2))

    # RBJ cookbook high shelf, +4 dB from about 1.5 kHz (the head's effect), as pyloudnorm has it
    big_a, w0 = 10 ** (4.0 / 40), 2 * pi * 1500 / sr
    alpha, c = sin(w0) / (2 / sqrt(2)), cos(w0)
    r = 2 * sqrt(big_a) * alpha
    shelf = biquad_response(
        [
            big_a * ((big_a + 1) + (big_a - 1) * c + r),
            -2 * big_a * ((big_a - 1) + (big_a + 1) * c),
            big_a * ((big_a + 1) + (big_a - 1) * c - r),
        ],
        [
            (big_a + 1) - (big_a - 1) * c + r,
            2 * ((big_a - 1) - (big_a + 1) * c),
            (big_a + 1) - (big_a - 1) * c - r,
        ],
    )
    # and the RLB high-pass at 38 Hz (Q 0.5)
    w0 = 2 * pi * 38 / sr
    alpha, c = sin(w0) / (2 * 0.5), cos(w0)
    high_pass = biquad_response([(1 + c) / 2, -(1 + c), (1 + c) / 2], [1 + alpha, -2 * c, 1 - alpha])
    return shelf * high_pass


def loudness(x: np.ndarray, sr: int) -> tuple[float, float]:
    """(integrated, max short-term) loudness in LUFS-ish of a (n,) or (n, channels) signal."""
    x = x.reshape(len(x), -1)
    weight = _k_weighting(np.fft.rfftfreq(len(x), 1 / sr), sr)
    power = sum(np.fft.irfft(np.fft.rfft(x[:, c]) * weight, len(x)) ** 2 for c in range(x.shape[1]))
    csum = np.concatenate([[0.0], np.cumsum(power)])

    def blocks(seconds: float, hop: float) -> np.ndarray:
        size, step = int(seconds * sr), int(hop * sr)
        starts = np.arange(0, max(1, len(x) - size + 1), step)
        ends = np.minimum(starts + size, len(x))
        return (csum[ends] - csum[starts]) / (ends - starts)

    def lufs(p: np.ndarray) -> np.ndarray:
        return -0.691 + 10 * np.log10(np.maximum(p, 1e-15))

    momentary = blocks(0.4, 0.1)
    kept = momentary[lufs(momentary) > -70]
    if len(kept) == 0:
        return -70.0, -70.0
    relative = lufs(np.array([kept.mean()]))[0] - 10
    gated = kept[lufs(kept) > relative]
    return float(lufs(np.array([gated.mean()]))[0]), float(lufs(blocks(3.0, 0.5)).max())


def seam(x: np.ndarray, sr: int) -> dict[str, float]:
    """How the end of a loop meets its start: the jump there against the usual sample step."""
    x = x.reshape(len(x), -1)
    steps = np.abs(np.diff(x, axis=0))
    jump = float(np.abs(x[0] - x[-1]).max())
    usual = float(np.percentile(steps, 99))
    w = int(0.05 * sr)
    return {
        "jump": jump,
        "jump_vs_p99_step": jump / max(usual, 1e-12),
        "last_50ms_dbfs": db(float(np.sqrt((x[-w:] ** 2).mean()))),
        "first_50ms_dbfs": db(float(np.sqrt((x[:w] ** 2).mean()))),
    }


def describe(x: np.ndarray, sr: int, loop: bool) -> str:
    """One paragraph of figures about a signal."""
    x = x.reshape(len(x), -1)
    integrated, short_max = loudness(x, sr)
    lines = [
        f"{len(x) / sr:6.1f} s, {x.shape[1]} ch, peak {db(float(np.abs(x).max())):6.1f} dBFS, "
        f"RMS {db(float(np.sqrt((x**2).mean()))):6.1f} dBFS, DC {float(np.abs(x.mean(axis=0)).max()):.1e}, "
        f"loudness {integrated:6.1f} LUFS-ish (short-term max {short_max:6.1f})"
    ]
    if loop:
        s = seam(x, sr)
        lines.append(
            f"        seam: jump {s['jump']:.4f} = {s['jump_vs_p99_step']:.2f} x the 99th-percentile step; "
            f"last 50 ms {s['last_50ms_dbfs']:.1f} dBFS, first 50 ms {s['first_50ms_dbfs']:.1f} dBFS"
        )
    return "\n".join(lines)


def spectrogram_png(x: np.ndarray, sr: int, path: pathlib.Path, height: int = 360) -> None:
    """A log-frequency (40 Hz..Nyquist) spectrogram, 80 dB range, one column per 50 ms."""
    from PIL import Image

    mono = x.reshape(len(x), -1).mean(axis=1)
    size, hop = 4096, int(0.05 * sr)
    window = np.hanning(size)
    padded = np.concatenate([np.zeros(size // 2), mono, np.zeros(size // 2)])
    frames = np.stack([padded[i : i + size] * window for i in range(0, len(mono), hop)])
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    freqs = np.fft.rfftfreq(size, 1 / sr)
    rows = np.geomspace(40, sr / 2, height)[::-1]
    level = 10 * np.log10(power[:, np.searchsorted(freqs, rows).clip(0, len(freqs) - 1)] + 1e-14)
    level = np.clip((level - (level.max() - 80)) / 80, 0, 1).T
    rgb = np.stack([level**0.8, level**1.6, 0.35 * level + 0.5 * level**3], axis=-1)
    image = (rgb * 255).astype(np.uint8)
    for f in (100, 1000, 10000):  # faint guides at 100 Hz, 1 kHz, 10 kHz
        if f < sr / 2:
            image[int(np.searchsorted(-rows, -f)), :, :] = 90
    for sec in range(0, int(len(mono) / sr) + 1, 5):  # and every 5 s
        image[:, min(image.shape[1] - 1, sec * sr // hop), :] = np.maximum(
            image[:, min(image.shape[1] - 1, sec * sr // hop), :], 60
        )
    Image.fromarray(image).save(path)


def main(argv: list[str]) -> int:
    import soundfile as sf

    png = None
    if argv[:1] == ["--png"]:
        png, argv = pathlib.Path(argv[1]), argv[2:]
    for i, name in enumerate(argv):
        x, sr = sf.read(name, dtype="float64")
        loop = pathlib.Path(name).stem not in ("choose", "page", "theme_end")
        print(f"{name}\n        {describe(x, sr, loop)}")
        if png is not None and i == 0:
            spectrogram_png(x, sr, png)
            print(f"        spectrogram: {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
