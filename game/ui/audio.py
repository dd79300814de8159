"""Ambient sound: one looping OGG at a time, crossfaded, plus a soft click.

``Ambience`` uses ``pygame.mixer`` if it can be started. If it cannot (no audio
device, mixer missing, a bad file), every method quietly does nothing: sound is
a courtesy, never a reason to fail. Nothing runs at import time; the mixer is
started on first use.
"""

from __future__ import annotations

import logging
import pathlib

import pygame

log = logging.getLogger("game.audio")
MIX_RATE = 22050  # the rate every file in assets/sounds is made at (make_sounds.py)
MIX_BUFFER = 1024  # samples per mixing callback (46 ms)


class Ambience:
    """Looping background sound with crossfades, and the choosing sound."""

    def __init__(
        self,
        assets_root: pathlib.Path | None = None,
        volume: float = 0.6,
        fade_ms: int = 1500,
        enabled: bool = True,
    ) -> None:
        self.assets_root = pathlib.Path(assets_root) if assets_root is not None else None
        self.volume = self._clamp(volume)
        self.fade_ms = max(0, int(fade_ms))
        self.enabled = bool(enabled)
        self._ready: bool | None = None  # None = not tried yet
        self._current: pathlib.Path | None = None
        self._channel: pygame.mixer.Channel | None = None
        self._sounds: dict[pathlib.Path, object] = {}
        self._click: pygame.mixer.Sound | bool | None = None  # False: there is no click sound
        self._bad: set[str] = set()

    @staticmethod
    def _clamp(v: object) -> float:
        try:
            f = float(v)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 0.0
        return 0.0 if f != f else max(0.0, min(1.0, f))

    @property
    def available(self) -> bool:
        return bool(self._ensure())

    def _ensure(self) -> bool:
        if not self.enabled:
            return False
        if self._ready is None:
            try:
                if not pygame.mixer.get_init():
                    # Our sounds are 22,050 Hz: mixing at that rate, in 1,024-sample buffers (46 ms),
                    # wakes the audio thread 22 times a second instead of 86, and decoded loops
                    # take half the memory.
                    pygame.mixer.init(frequency=MIX_RATE, buffer=MIX_BUFFER)
                self._ready = bool(pygame.mixer.get_init())
                if self._ready and pygame.mixer.get_num_channels() < 4:
                    pygame.mixer.set_num_channels(8)
                if self._ready:
                    pygame.mixer.set_reserved(2)  # channels 0 and 1 carry the ambience
            except Exception as exc:
                log.info("no sound: mixer unavailable (%s)", exc)
                self._ready = False
        return bool(self._ready)

    def _sound(self, path: pathlib.Path):
        if path in self._sounds:
            return self._sounds[path]
        snd = None
        if str(path) not in self._bad:
            try:
                snd = pygame.mixer.Sound(str(path))
            except Exception as exc:
                self._bad.add(str(path))
                log.warning("cannot play %s (%s)", path, exc)
        self._sounds[path] = snd
        return snd

    def set_volume(self, volume: float) -> None:
        """Set the ambience volume, 0..1 (the click follows it)."""
        self.volume = self._clamp(volume)
        try:
            if self._ready and self._channel is not None:
                self._channel.set_volume(self.volume)
        except Exception:
            pass

    def play(self, path: pathlib.Path | str | None) -> None:
        """Crossfade to the loop at ``path``; ``None`` fades the current loop out."""
        try:
            new = pathlib.Path(path) if path is not None else None
            if new == self._current:
                return
            if not self._ensure():
                self._current = new
                return
            old_channel = self._channel
            if old_channel is not None:
                old_channel.fadeout(self.fade_ms)
            self._channel = None
            # A decoded loop is several MB: keep only the one fading out and the one starting.
            keep = {self._current, new}
            for cached in [p for p in self._sounds if p not in keep and p.stem not in ("choose", "page")]:
                del self._sounds[cached]
            self._current = new
            if new is None:
                return
            snd = self._sound(new)
            if snd is None:
                return
            # alternate between the two reserved channels so the old loop can fade
            idx = 1 if (old_channel is not None and old_channel == pygame.mixer.Channel(0)) else 0
            ch = pygame.mixer.Channel(idx)
            ch.stop()
            ch.set_volume(self.volume)
            ch.play(snd, loops=-1, fade_ms=self.fade_ms)
            self._channel = ch
        except Exception as exc:
            log.warning("ambience failed (%s)", exc)

    def click(self) -> None:
        """The soft sound of choosing."""
        try:
            if not self._ensure() or self.volume <= 0:
                return
            if self._click is None:
                root = self.assets_root
                path = root / "sounds" / "choose.ogg" if root is not None else None
                self._click = self._sound(path) if path is not None and path.is_file() else False
            if isinstance(self._click, pygame.mixer.Sound):
                ch = self._click.play()
                if ch is not None:
                    ch.set_volume(min(1.0, 0.4 + self.volume * 0.6))
        except Exception as exc:
            log.warning("click failed (%s)", exc)

    def stop(self) -> None:
        """Fade everything out (the mixer stays open)."""
        try:
            if self._ready and self._channel is not None:
                self._channel.fadeout(min(self.fade_ms, 600))
        except Exception:
            pass
        self._channel = None
        self._current = None
