#!/usr/bin/env python3
"""Synthesise the game's theme: assets/sounds/theme.ogg (the title's loop) and theme_end.ogg
(the endings' gentler, shorter cue). Stereo Ogg Vorbis at 22 050 Hz, like the ambience.

    .venv/bin/python assets/tools/make_music.py               # both, with their figures
    .venv/bin/python assets/tools/make_music.py --png /tmp/   # and a spectrogram of each

Needs numpy and soundfile (Pillow for ``--png``). Fixed seed, byte-identical reruns (the Ogg
stream's serial number, which libsndfile draws at random, is set to a fixed one).

The music: a slow melody in the B yu mode (B D E F# A, the pentatonic of a guzheng tuned in D)
on a plucked string, with a few of the guzheng's left-hand bends and vibratos, low plucked
strings under it and a faint bowed drone, in a small synthesised room. Every string is additive:
slightly stretched partials, each dying away at its own rate, two beating copies per partial (the
string's two planes of motion) and a breath of noise at the pluck. The loop is built on a circular
buffer of exactly its length, reverb included (circular convolution), so its seam cannot click.
"""

from __future__ import annotations

import pathlib
import sys
import time

import listen
import numpy as np
from oggfix import fix_serial

ROOT = pathlib.Path(__file__).resolve().parents[1]  # assets/
SR = 22050
TARGET_LUFS = -27.0  # about as loud as the ambience loops (-25 to -31 LUFS-ish)
MAX_PEAK_DBFS = -3.0

NOTE = {"B2": -12, "D3": -9, "E3": -7, "F#3": -5, "A3": -2, "B3": 0, "D4": 3, "E4": 5}
NOTE |= {"F#4": 7, "A4": 10, "B4": 12, "D5": 15, "E5": 17, "F#5": 19, "E2": -19, "F#2": -17, "A2": -14}


def hz(name: str) -> float:
    """Equal-tempered frequency of a note named in NOTE (B3 = 246.94 Hz)."""
    return 246.94 * 2 ** (NOTE[name] / 12)


# The melody, bar by bar (4 beats each): (note, beats, technique). Techniques: "" plain,
# "v" vibrato on a long note, "/" pressed up into the note from a tone below, "\\" eased down.
MELODY = [
    [("B4", 2, "v"), ("A4", 1, ""), ("F#4", 1, "")],
    [("E4", 1.5, ""), ("F#4", 0.5, ""), ("A4", 2, "/")],
    [("F#4", 1, ""), ("E4", 1, ""), ("D4", 1, ""), ("E4", 1, "")],
    [("E4", 3, "v"), (None, 1, "")],
    [("B4", 2, "v"), ("D5", 1, ""), ("B4", 1, "")],
    [("A4", 1.5, ""), ("B4", 0.5, ""), ("F#4", 2, "/")],
    [("E4", 1, ""), ("F#4", 0.5, ""), ("E4", 0.5, ""), ("D4", 1, ""), ("E4", 1, "")],
    [("B3", 3, "v"), (None, 1, "")],
    [("D5", 1, ""), ("E5", 1, ""), ("F#5", 2, "v")],
    [("E5", 1, ""), ("D5", 1, ""), ("B4", 2, "v")],
    [("A4", 1, ""), ("B4", 0.5, ""), ("A4", 0.5, ""), ("F#4", 1, ""), ("E4", 1, "")],
    [("F#4", 3, "v\\"), (None, 1, "")],
]
# Low strings under each bar: the root on beat 1, a softer fifth or octave on beat 3.
BASS = [
    "B2 F#3",
    "A2 E3",
    "D3 A3",
    "E2 B2",
    "B2 F#3",
    "D3 A3",
    "E2 B2",
    "B2 F#3",
    "D3 A3",
    "E2 B2",
    "A2 E3",
    "F#2 E3",
]


def pluck(
    freq: float, seconds: float, rng: np.random.Generator, bright: float, technique: str = ""
) -> np.ndarray:
    """One plucked note, ``seconds`` long with its ring, ending in silence."""
    n = int(seconds * SR)
    t = np.arange(n) / SR
    cents = np.zeros(n)
    if "/" in technique:  # the left hand presses the string up a whole tone just after the pluck
        cents -= 200 * (1 - np.clip((t - 0.06) / 0.16, 0, 1)) ** 2
    if "v" in technique:  # vibrato, growing in after the note has settled
        grow = np.clip((t - 0.45) / 0.8, 0, 1)
        cents += 14 * grow * np.sin(2 * np.pi * 5.0 * t + rng.uniform(0, 6))
    if "\\" in technique:  # the note eases down a little as it dies
        cents -= 40 * np.clip((t - 1.4) / 0.9, 0, 1) ** 2
    phase = 2 * np.pi * np.cumsum(freq * 2 ** (cents / 1200)) / SR
    ring = 2.8 * (220 / freq) ** 0.45  # seconds for the fundamental to fall 60 dB
    x = np.zeros(n)
    for k in range(1, 40):
        stretch = k * np.sqrt(1 + 0.00012 * k * k)
        if freq * stretch > 0.42 * SR:
            break
        amp = abs(np.sin(np.pi * k * 0.14)) / k ** (1.9 - 0.6 * bright)
        t60 = ring / (1 + 0.35 * (k - 1) * freq / 440)
        for detune, share, slower in ((0.0, 0.75, 1.0), (0.9, 0.25, 1.6)):  # two planes of motion
            env = np.exp(-6.9 * t / (t60 * slower))
            x += share * amp * env * np.sin(stretch * phase * 2 ** (detune / 1200) + rng.uniform(0, 6.3))
    x *= np.minimum(1, t / 0.004)  # a 4 ms attack: a finger, not a click
    breath = rng.normal(0, 1, min(n, int(0.03 * SR)))
    breath = listen_band(breath, 1500, 6000) * np.exp(-np.arange(len(breath)) / (0.006 * SR))
    x[: len(breath)] += breath * 0.04 * bright
    return x * np.minimum(1, (n - np.arange(n)) / (0.35 * SR))  # damped softly at the end


def listen_band(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """A soft band-pass by FFT."""
    f = np.maximum(np.fft.rfftfreq(len(x), 1 / SR), 1.0)
    g = 1 / (1 + (lo / f) ** 4) / (1 + (f / hi) ** 4)
    return np.fft.irfft(np.fft.rfft(x) * g, len(x))


def bowed(freq: float, seconds: float, rng: np.random.Generator) -> np.ndarray:
    """A faint bowed tone: few, soft harmonics, a slow swell and a slow release."""
    n = int(seconds * SR)
    t = np.arange(n) / SR
    cents = 5 * np.sin(2 * np.pi * 4.3 * t + rng.uniform(0, 6)) * np.clip(t / 2, 0, 1)
    phase = 2 * np.pi * np.cumsum(freq * 2 ** (cents / 1200)) / SR
    x = sum(np.sin(k * phase + rng.uniform(0, 6)) / k**1.8 for k in (1, 2, 3, 4))
    env = np.clip(t / 1.6, 0, 1) ** 2 * np.clip((seconds - t) / 1.6, 0, 1) ** 2
    return x * env * (1 + 0.15 * np.sin(2 * np.pi * 0.2 * t))


def room(n: int, rng: np.random.Generator, rt60: float = 2.0) -> np.ndarray:
    """A stereo impulse response: early reflections, then a tail whose highs die sooner."""
    length = int(rt60 * 1.3 * SR)
    t = np.arange(length) / SR
    ir = np.zeros((length, 2))
    for c in range(2):
        tail = np.zeros(length)
        for lo, hi, rt in ((60, 500, rt60), (500, 2000, rt60 * 0.8), (2000, 9000, rt60 * 0.45)):
            tail += listen_band(rng.normal(0, 1, length), lo, hi) * np.exp(-6.9 * t / rt)
        tail *= np.clip((t - 0.012) / 0.03, 0, 1)  # 12 ms before the room answers
        ir[:, c] = tail / np.sqrt((tail**2).sum())
        for _ in range(6):
            at = int(rng.uniform(0.008, 0.05) * SR)
            ir[at, c] += rng.uniform(0.15, 0.35) * rng.choice((-1, 1))
    padded = np.zeros((n, 2))
    padded[: min(n, length)] = ir[: min(n, length)]
    return padded


def place(buf: np.ndarray, sound: np.ndarray, at: float, pan: float, wrap: bool) -> None:
    """Adds a mono sound to a stereo buffer at ``at`` seconds (pan -1 left .. 1 right)."""
    start = int(round(at * SR))
    idx = np.arange(len(sound)) + start
    if wrap:
        idx %= len(buf)
    else:
        keep = idx < len(buf)
        idx, sound = idx[keep], sound[keep]
    left, right = np.cos((pan + 1) * np.pi / 4), np.sin((pan + 1) * np.pi / 4)
    np.add.at(buf[:, 0], idx, sound * left)
    np.add.at(buf[:, 1], idx, sound * right)


def perform(buf, rng, bars, beat: float, start: float, wrap: bool, loud: float = 1.0) -> None:  # noqa: ANN001
    """Plays ``bars`` (indexes into MELODY and BASS) from ``start`` seconds into ``buf``."""
    at = start
    for b in bars:
        bar_start = at
        for beats, phrase_pos in ((0, 0), (2, 1)):
            low = BASS[b].split()[phrase_pos]
            f = hz(low)
            place(
                buf,
                pluck(f, 5.5, rng, 0.2) * (0.42 if phrase_pos == 0 else 0.22) * loud,
                at + beats * beat,
                0.3,
                wrap,
            )
        for name, beats, technique in MELODY[b]:
            if name is not None:
                swing = rng.normal(0, 0.012)  # a player, not a sequencer
                strength = rng.uniform(0.85, 1.0) * (1.08 if at == bar_start else 1.0)
                ring = max(beats * beat + 1.4, 2.2)
                note = pluck(hz(name), ring, rng, 0.75, technique) * strength * loud
                place(buf, note, at + swing, -0.15, wrap)
            at += beats * beat


def drone(buf, rng, bars, beat: float, start: float, wrap: bool) -> None:  # noqa: ANN001
    """The bowed bed: the root of each pair of bars, an octave and a fifth, barely there."""
    for j in range(0, len(bars), 2):
        root = hz(BASS[bars[j]].split()[0])
        seconds = 8 * beat + 1.6
        for f, pan in ((root, -0.6), (root * 1.5, 0.6)):
            place(buf, bowed(f, seconds, rng) * 0.025, start + j * 4 * beat - 0.8, pan, wrap)


def convolve(x: np.ndarray, ir: np.ndarray, wet: float) -> np.ndarray:
    """Circular convolution of each channel with the room (the buffers are equally long)."""
    out = np.empty_like(x)
    for c in range(2):
        out[:, c] = np.fft.irfft(np.fft.rfft(x[:, c]) * np.fft.rfft(ir[:, c]), len(x))
    return x * (1 - wet) + out * wet * 2.2


def theme(rng: np.random.Generator) -> np.ndarray:
    """The title's loop: twelve bars at 60 beats a minute, 48 s, seamless."""
    beat = 1.0
    n = int(48 * beat * SR)
    buf = np.zeros((n, 2))
    bars = list(range(12))
    perform(buf, rng, bars, beat, 0.0, wrap=True)
    drone(buf, rng, bars, beat, 0.0, wrap=True)
    return convolve(buf, room(n, rng), 0.3)


def ending(rng: np.random.Generator) -> np.ndarray:
    """The endings' cue: the answering phrase, slower and softer, closing on a low B; 30 s."""
    beat = 60 / 50
    n = int(30 * SR)
    buf = np.zeros((n, 2))
    bars = [4, 5, 6, 7]
    perform(buf, rng, bars, beat, 0.4, wrap=False, loud=0.85)
    drone(buf, rng, bars, beat, 0.4, wrap=False)
    close = 0.4 + 16 * beat
    for f, gain, delay in ((hz("B2"), 0.35, 0.0), (hz("F#3"), 0.2, 0.35), (hz("B3"), 0.3, 0.7)):
        place(buf, pluck(f, n / SR - close - delay, rng, 0.3) * gain, close + delay, 0.0, wrap=False)
    out = convolve(buf, room(n, rng), 0.3)
    t = np.arange(n) / SR
    return out * np.clip((n / SR - t) / 4.0, 0, 1)[:, None]  # the room's tail fades to silence


def finish(x: np.ndarray) -> np.ndarray:
    """No DC; gain to TARGET_LUFS, but never a peak above MAX_PEAK_DBFS."""
    x = x - x.mean(axis=0)
    integrated, _ = listen.loudness(x, SR)
    gain = 10 ** ((TARGET_LUFS - integrated) / 20)
    gain = min(gain, 10 ** (MAX_PEAK_DBFS / 20) / np.abs(x).max())
    return (x * gain).astype(np.float32)


PIECES = {"theme": (theme, True), "theme_end": (ending, False)}


def main(argv: list[str]) -> int:
    import soundfile as sf

    png_dir = pathlib.Path(argv[argv.index("--png") + 1]) if "--png" in argv else None
    out = ROOT / "sounds"
    if png_dir is not None:
        png_dir.mkdir(parents=True, exist_ok=True)
    for name, (make, loop) in PIECES.items():
        t0 = time.perf_counter()
        rng = np.random.default_rng(2026 + sum(map(ord, name)))
        data = finish(make(rng))
        path = out / f"{name}.ogg"
        sf.write(str(path), data, SR, format="OGG", subtype="VORBIS")
        fix_serial(path, 0x4C54_4800 + len(name))  # "LTH" and a number
        decoded, _ = sf.read(str(path), dtype="float64")
        print(f"sounds/{name}.ogg  {path.stat().st_size / 1024:.0f} KB  {time.perf_counter() - t0:.1f} s")
        print(f"        {listen.describe(decoded, SR, loop)}")
        if png_dir is not None:
            listen.spectrogram_png(decoded, SR, png_dir / f"{name}.png")
            print(f"        spectrogram: {png_dir / f'{name}.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
