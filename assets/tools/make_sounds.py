#!/usr/bin/env python3
"""Synthesise every sound in assets/sounds/ (mono OGG Vorbis, 22050 Hz).

    .venv/bin/python assets/tools/make_sounds.py            # everything
    .venv/bin/python assets/tools/make_sounds.py train rain # a few

Needs numpy and soundfile (``pip install numpy soundfile``; its wheels bundle
libsndfile with Ogg/Vorbis). Fixed seeds and a fixed Ogg serial number (oggfix.py): a rerun
writes the same bytes.

Loops are seamless by construction: every loop is built on a circular buffer
of exactly N samples. Noise is shaped in the frequency domain (so it is
periodic in N), filters are applied by FFT (circular), and every event that
runs past the end wraps round to the start.
"""

from __future__ import annotations

import pathlib
import sys
import time

import numpy as np
from oggfix import fix_serial

ROOT = pathlib.Path(__file__).resolve().parents[1]  # assets/
SR = 22050
PEAK = 10 ** (-12 / 20)  # -12 dBFS


# ---------------------------------------------------------------------------
# building blocks on a circular buffer
# ---------------------------------------------------------------------------


def shaped_noise(n: int, rng, shape) -> np.ndarray:
    """Periodic noise whose amplitude spectrum is shape(freqs)."""
    f = np.fft.rfftfreq(n, 1 / SR)
    spec = shape(np.maximum(f, 1.0)) * np.exp(2j * np.pi * rng.random(len(f)))
    spec[0] = 0
    x = np.fft.irfft(spec, n)
    return x / (np.abs(x).max() + 1e-12)


def band(lo: float, hi: float, slope: float = 0.0):
    """A soft band-pass shape (with an optional 1/f**slope tilt)."""

    def shape(f):
        g = 1 / (1 + (lo / f) ** 4) / (1 + (f / hi) ** 4)
        return g / f**slope

    return shape


def fft_filter(x: np.ndarray, shape) -> np.ndarray:
    f = np.fft.rfftfreq(len(x), 1 / SR)
    return np.fft.irfft(np.fft.rfft(x) * shape(np.maximum(f, 1.0)), len(x))


def add_wrapped(buf: np.ndarray, event: np.ndarray, at: int) -> None:
    idx = (np.arange(len(event)) + at) % len(buf)
    np.add.at(buf, idx, event)


def smooth_env(n: int, rng, rate_hz: float, depth: float = 1.0, floor: float = 0.0) -> np.ndarray:
    """A slow random envelope in [floor, 1], periodic in n."""
    e = shaped_noise(n, rng, lambda f: np.exp(-((f / rate_hz) ** 2)))
    e = (e - e.min()) / (e.max() - e.min() + 1e-12)
    return floor + (1 - floor) * (1 - depth + depth * e)


def tone(dur: float, freq, decay: float = 0.0, attack: float = 0.005, phase: float = 0.0) -> np.ndarray:
    t = np.arange(int(dur * SR)) / SR
    if callable(freq):
        ph = 2 * np.pi * np.cumsum(freq(t)) / SR + phase
    else:
        ph = 2 * np.pi * freq * t + phase
    env = np.minimum(1, t / max(attack, 1e-4))
    if decay:
        env *= np.exp(-t / decay)
    return np.sin(ph) * env


def burst(rng, dur: float, lo: float, hi: float, decay: float) -> np.ndarray:
    n = int(dur * SR)
    x = rng.normal(0, 1, n)
    x = fft_filter(x, band(lo, hi))
    t = np.arange(n) / SR
    return x * np.exp(-t / decay) * np.minimum(1, t / 0.002)


RMS = 10 ** (-27 / 20)  # loops sit at about the same loudness...


def finish(x: np.ndarray, peak: float = PEAK, loop: bool = True) -> np.ndarray:
    """...but never peak above -12 dBFS (short sounds: just the given peak)."""
    x = x - x.mean()
    gain = peak / (np.abs(x).max() + 1e-12)
    if loop:
        gain = min(gain, RMS / (np.sqrt((x**2).mean()) + 1e-12))
    return (x * gain).astype(np.float32)


# ---------------------------------------------------------------------------
# the sounds
# ---------------------------------------------------------------------------

SOUNDS: dict = {}


def sound(fn):
    SOUNDS[fn.__name__.removeprefix("s_")] = fn
    return fn


@sound
def s_train(rng) -> np.ndarray:
    n = 32 * SR
    rumble = shaped_noise(n, rng, band(25, 220, 1.0)) * 0.55
    rumble *= smooth_env(n, rng, 0.25, 0.4)
    hiss = shaped_noise(n, rng, band(800, 5000)) * 0.05
    x = rumble + hiss
    # wheels over rail joints: "da-dum ... da-dum", one car every 1.6 s
    period = 1.6
    for k in range(int(32 / period)):
        t0 = k * period
        for dt, amp in ((0.0, 1.0), (0.13, 0.85), (0.78, 0.9), (0.91, 0.75)):
            a = amp * rng.uniform(0.8, 1.0)
            clack = (
                burst(rng, 0.3, 300, 2600, 0.03) * 0.35 * a
                + tone(0.3, 70 + rng.uniform(-5, 5), decay=0.07) * 0.5 * a
            )
            add_wrapped(x, clack, int((t0 + dt + rng.uniform(-0.004, 0.004)) * SR))
    # the carriage creaks now and then
    for _ in range(6):
        at = int(rng.uniform(0, 32) * SR)
        f0 = rng.uniform(500, 900)
        add_wrapped(
            x, tone(0.4, lambda t, f0=f0: f0 + 80 * np.sin(t * 9), decay=0.15, attack=0.05) * 0.04, at
        )
    return fft_filter(x, band(30, 4000))


@sound
def s_factory(rng) -> np.ndarray:
    n = 30 * SR
    t = np.arange(n) / SR
    room = shaped_noise(n, rng, band(60, 3000, 0.7)) * 0.25
    # fluorescent tubes: the 100 Hz buzz of 50 Hz mains, with a few harmonics
    buzz = sum(np.sin(2 * np.pi * 100 * h * t + rng.random() * 6) / h**1.3 for h in (1, 2, 3, 5)) * 0.03
    x = room + buzz
    # many sewing machines, each running in bursts as a seam is sewn
    for _m in range(14):
        dist = rng.uniform(0.3, 1.0)
        spm = rng.uniform(55, 85)  # stitches per second
        pitch = rng.uniform(180, 320)
        tpos = rng.uniform(0, 30)
        while tpos < 30 + 30:
            dur = rng.uniform(0.8, 3.5)
            nn = int(dur * SR)
            tt = np.arange(nn) / SR
            env = np.minimum(1, tt / 0.15) * np.minimum(1, (dur - tt) / 0.2)
            rate = spm * (1 + 0.05 * np.sin(tt * 2))
            tick = (np.sin(2 * np.pi * np.cumsum(rate) / SR) > 0.6).astype(float)
            whine = np.sin(2 * np.pi * pitch * tt) + 0.4 * np.sin(2 * np.pi * pitch * 2.01 * tt)
            ev = (0.6 * tick * rng.normal(0, 1, nn) * 0.5 + 0.25 * whine) * env * dist
            add_wrapped(x, ev * 0.3, int((tpos % 30) * SR))
            tpos += dur + rng.uniform(0.6, 4.0)
            if tpos > 30 and rng.random() < 0.5:
                break
    return fft_filter(x, band(40, 5000))


def murmur(n, rng, voices=26, level=1.0) -> np.ndarray:
    """A crowd: many indistinct voices, none of them words."""
    base = shaped_noise(n, rng, band(250, 2200, 0.6)) * 0.4 * smooth_env(n, rng, 0.3, 0.35)
    x = base
    for _ in range(voices):
        f1 = rng.uniform(350, 900)
        f2 = rng.uniform(1100, 2400)
        v = shaped_noise(
            n,
            rng,
            lambda f, f1=f1, f2=f2: np.exp(-(((f - f1) / 160) ** 2)) + 0.6 * np.exp(-(((f - f2) / 260) ** 2)),
        )
        syll = smooth_env(n, rng, rng.uniform(3, 6), 1.0) ** 3
        talk = smooth_env(n, rng, 0.15, 1.0) ** 2  # people talk in turns
        x = x + v * syll * talk * rng.uniform(0.15, 0.5)
    return x * level


@sound
def s_station_crowd(rng) -> np.ndarray:
    n = 36 * SR
    x = murmur(n, rng)
    x += shaped_noise(n, rng, band(40, 400, 1.0)) * 0.15
    # a distant announcement: a three-note chime, then a muffled voice
    for at in (4.0, 22.0):
        chime = np.zeros(int(2.4 * SR))
        for i, f in enumerate((659.3, 523.3, 392.0)):
            note = sum(tone(1.6, f * h, decay=0.5 / h) / h**1.5 for h in (1, 2.0, 3.0))
            chime[int(i * 0.45 * SR) : int(i * 0.45 * SR) + len(note)] += note[
                : len(chime) - int(i * 0.45 * SR)
            ]
        add_wrapped(x, chime * 0.35, int(at * SR))
        vn = int(6 * SR)
        pa = fft_filter(
            rng.normal(0, 1, vn),
            lambda f: np.exp(-(((f - 600) / 250) ** 2)) + 0.5 * np.exp(-(((f - 1500) / 300) ** 2)),
        )
        syl = np.abs(np.sin(np.cumsum(rng.uniform(3.5, 5.5, vn) / SR) * np.pi)) ** 2
        env = np.minimum(1, np.arange(vn) / SR / 0.3) * np.minimum(1, (vn - np.arange(vn)) / SR / 0.5)
        pa = pa / np.abs(pa).max() * syl * env
        echo = np.zeros(vn + int(0.5 * SR))
        for d, g in ((0, 1), (0.11, 0.5), (0.23, 0.3), (0.37, 0.18)):
            echo[int(d * SR) : int(d * SR) + vn] += pa * g
        add_wrapped(x, echo * 0.28, int((at + 1.6) * SR))
    return fft_filter(x, band(60, 3500))


def wind(n, rng, level=1.0) -> np.ndarray:
    w = shaped_noise(n, rng, band(80, 900, 1.2))
    return w * smooth_env(n, rng, 0.12, 0.8, 0.15) * level


def bird(rng) -> np.ndarray:
    notes = []
    f0 = rng.uniform(2600, 4200)
    for _ in range(rng.integers(2, 6)):
        dur = rng.uniform(0.05, 0.14)
        sweep = rng.uniform(-1500, 1500)
        notes.append(
            tone(dur, lambda t, f0=f0, s=sweep, d=dur: f0 + s * t / d, attack=0.01)
            * np.hanning(int(dur * SR))
        )
        notes.append(np.zeros(int(rng.uniform(0.04, 0.12) * SR)))
    return np.concatenate(notes)


def rooster(rng) -> np.ndarray:
    dur = 1.6
    t = np.arange(int(dur * SR)) / SR
    contour = np.interp(t, [0, 0.15, 0.3, 0.9, 1.3, 1.6], [500, 700, 620, 760, 650, 420])
    ph = 2 * np.pi * np.cumsum(contour) / SR
    x = sum(np.sin(ph * h) / h for h in (1, 2, 3, 4, 5))
    env = np.interp(t, [0, 0.05, 0.25, 0.32, 1.2, 1.6], [0, 1, 0.8, 1, 0.8, 0])
    return fft_filter(x * env, band(400, 2000))  # far away: no highs


@sound
def s_village(rng) -> np.ndarray:
    n = 40 * SR
    x = wind(n, rng) * 0.6
    x += shaped_noise(n, rng, band(1500, 6000)) * 0.04 * smooth_env(n, rng, 0.2)  # leaves
    for _ in range(9):
        b = bird(rng) * rng.uniform(0.08, 0.22)
        add_wrapped(x, b, int(rng.uniform(0, 40) * SR))
    add_wrapped(x, rooster(rng) * 0.14, int(17.5 * SR))
    return fft_filter(x, band(60, 7000))


@sound
def s_village_night(rng) -> np.ndarray:
    n = 36 * SR
    x = wind(n, rng) * 0.45
    t = np.arange(n) / SR
    # crickets: a high trill pulsing a few times a second, two of them
    for f, rate, lvl in ((4300, 2.6, 0.05), (4700, 3.1, 0.035)):
        pulses = (np.sin(2 * np.pi * rate * t) > 0.55).astype(float)
        trill = (np.sin(2 * np.pi * 45 * t) > 0).astype(float)
        x += (
            np.sin(2 * np.pi * f * t)
            * fft_filter(pulses * trill, band(1, 400))
            * lvl
            * smooth_env(n, rng, 0.05, 0.6)
        )
    # a dog far off
    for at in (11.0, 11.7):
        bark = burst(rng, 0.3, 350, 1400, 0.06) + tone(0.3, lambda tt: 420 - 300 * tt, decay=0.07)
        add_wrapped(x, fft_filter(bark, band(300, 1500)) * 0.05, int(at * SR))
    return fft_filter(x, band(50, 7000))


def rain(n, rng, level=1.0) -> np.ndarray:
    hiss = shaped_noise(n, rng, band(600, 8000, 0.3)) * 0.35
    x = hiss * smooth_env(n, rng, 0.1, 0.3, 0.5)
    drops = np.zeros(n)
    for _ in range(int(n / SR * 40)):
        at = rng.integers(n)
        d = burst(rng, 0.03, 1500, 7000, 0.004) * rng.uniform(0.1, 0.6)
        add_wrapped(drops, d, at)
    return (x + drops * 0.6 + wind(n, rng) * 0.35) * level


@sound
def s_rain(rng) -> np.ndarray:
    return fft_filter(rain(30 * SR, rng), band(60, 9000))


@sound
def s_station_sleet(rng) -> np.ndarray:
    n = 32 * SR
    x = rain(n, rng) * 0.8 + murmur(n, rng, voices=14, level=0.45)
    return fft_filter(x, band(60, 8000))


def water(n, rng) -> np.ndarray:
    flow = shaped_noise(n, rng, band(150, 1500, 0.8)) * 0.4
    lap = smooth_env(n, rng, 0.5, 0.9, 0.1)
    x = flow * (0.5 + lap)
    for _ in range(int(n / SR * 3)):
        at = rng.integers(n)
        f0 = rng.uniform(400, 1100)
        blip = tone(0.06, lambda t, f0=f0: f0 + 4000 * t, decay=0.02) * rng.uniform(0.05, 0.15)
        add_wrapped(x, blip, at)
    return x


@sound
def s_river(rng) -> np.ndarray:
    n = 32 * SR
    x = water(n, rng) + wind(n, rng) * 0.3
    for _ in range(4):
        add_wrapped(x, bird(rng) * 0.12, int(rng.uniform(0, 32) * SR))
    return fft_filter(x, band(60, 6000))


@sound
def s_boat(rng) -> np.ndarray:
    n = 30 * SR
    x = water(n, rng) * 0.8
    t = np.arange(n) / SR
    # a small diesel: putt-putt at about 9 Hz (an integer number of beats in the loop)
    rate = 270 / 30
    pulse = np.maximum(0, np.sin(2 * np.pi * rate * t)) ** 6
    body = sum(np.sin(2 * np.pi * rate * h * t) / h for h in (2, 3, 4, 6))
    engine = fft_filter(pulse * (0.6 + 0.4 * body) + 0.3 * shaped_noise(n, rng, band(40, 200)), band(30, 600))
    x += engine / (np.abs(engine).max() + 1e-9) * 0.5
    return fft_filter(x, band(30, 6000))


@sound
def s_bus(rng) -> np.ndarray:
    n = 30 * SR
    t = np.arange(n) / SR
    # the engine labouring up the switchbacks: the revs rise and fall twice per loop
    f0 = 38 + 9 * np.sin(2 * np.pi * t / 15) ** 2
    ph = 2 * np.pi * np.cumsum(f0) / SR
    eng = sum(np.sin(ph * h + h) / h**0.9 for h in (1, 2, 3, 4, 6, 8))
    eng = fft_filter(eng, band(30, 700))
    road = shaped_noise(n, rng, band(60, 1200, 0.8)) * 0.5
    x = eng / np.abs(eng).max() * 0.6 + road
    for _ in range(14):  # rattles of windows and luggage
        add_wrapped(x, burst(rng, 0.12, 1500, 5000, 0.02) * rng.uniform(0.05, 0.15), rng.integers(n))
    return fft_filter(x, band(30, 5000))


@sound
def s_city_night(rng) -> np.ndarray:
    n = 36 * SR
    x = shaped_noise(n, rng, band(40, 800, 1.0)) * 0.5 * smooth_env(n, rng, 0.1, 0.4)
    t = np.arange(n) / SR
    x += np.sin(2 * np.pi * 100 * t) * 0.015 + np.sin(2 * np.pi * 300 * t) * 0.006  # air conditioners
    # cars and scooters passing: swelling noise, one buzzing engine
    for _ in range(7):
        dur = rng.uniform(3, 6)
        nn = int(dur * SR)
        env = np.hanning(nn) ** 2
        car = fft_filter(rng.normal(0, 1, nn), band(100, 1500, 0.5))
        car = car / np.abs(car).max() * env * rng.uniform(0.2, 0.45)
        add_wrapped(x, car, int(rng.uniform(0, 36) * SR))
    for at in (9.0, 26.0):
        dur = 3.5
        tt = np.arange(int(dur * SR)) / SR
        f = 95 + 20 * np.tanh((tt - dur / 2) * 2) * -1
        buzz = np.sign(np.sin(2 * np.pi * np.cumsum(f) / SR)) * np.hanning(len(tt)) ** 2
        add_wrapped(x, fft_filter(buzz, band(80, 900)) * 0.08, int(at * SR))
    for at in (18.0, 18.25):  # a distant horn, twice
        add_wrapped(
            x,
            (tone(0.16, 440, decay=0.2) + tone(0.16, 554, decay=0.2)) * np.hanning(int(0.16 * SR)) * 0.05,
            int(at * SR),
        )
    return fft_filter(x, band(40, 5000))


@sound
def s_choose(rng) -> np.ndarray:
    # a muted wooden tap: a knock of two quick partials and a whisper of noise
    x = tone(0.35, 620, decay=0.045, attack=0.001) + 0.5 * tone(0.35, 1580, decay=0.018, attack=0.001)
    x += 0.25 * tone(0.35, 310, decay=0.07, attack=0.001)
    x[: int(0.02 * SR)] += burst(rng, 0.02, 1000, 5000, 0.003) * 0.3
    x *= np.minimum(1, (len(x) - np.arange(len(x))) / (0.05 * SR))
    return fft_filter(np.concatenate([x, np.zeros(int(0.05 * SR))]), band(120, 6000))


@sound
def s_page(rng) -> np.ndarray:
    # a page turned: a soft swish of paper
    nn = int(0.45 * SR)
    x = fft_filter(rng.normal(0, 1, nn), band(1200, 7000))
    t = np.arange(nn) / SR
    env = np.exp(-(((t - 0.16) / 0.08) ** 2)) + 0.4 * np.exp(-(((t - 0.3) / 0.05) ** 2))
    return x * env


SHORT = {"choose": 10 ** (-9 / 20), "page": 10 ** (-16 / 20)}


def main(argv: list[str]) -> int:
    import soundfile as sf

    out = ROOT / "sounds"
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    t_all = time.perf_counter()
    for _i, (name, fn) in enumerate(SOUNDS.items()):
        if argv and name not in argv:
            continue
        t0 = time.perf_counter()
        rng = np.random.default_rng(1000 + sum(map(ord, name)))
        data = finish(fn(rng), SHORT.get(name, PEAK), loop=name not in SHORT)
        path = out / f"{name}.ogg"
        sf.write(str(path), data, SR, format="OGG", subtype="VORBIS")
        fix_serial(path, 0x4C54_4800 + sum(map(ord, name)))  # libsndfile's serial is random
        size = path.stat().st_size
        total += size
        print(
            f"sounds/{name}.ogg  {len(data) / SR:5.1f} s  {size / 1024:5.0f} KB"
            f"  {time.perf_counter() - t0:4.1f} s"
        )
    print(f"total {total / 1024:.0f} KB in {time.perf_counter() - t_all:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
