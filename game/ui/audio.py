"""Sound: the scene's ambience or the theme, crossfaded, plus a soft click.

Two layers, each with its own volume: the ambience (a scene's looping background, decoded, on
reserved channels 0 and 1 so that one loop can fade into the next) and the music (the theme on
the title, its ending cue at an ending), streamed by ``pygame.mixer.music``: a 48 s theme is not
decoded (a quarter of a second) before the title's first frame. One layer plays at a time:
starting a scene's ambience fades the music out, starting the music fades the ambience out. The
click of a choice follows the ambience volume (it belongs to the scene, not the score).

``Ambience`` uses ``pygame.mixer`` if it can be started. If it cannot (no audio device, mixer
missing, a bad file), every method quietly does nothing: sound is a courtesy, never a reason to
fail. Nothing runs at import time; the mixer is started on first use.
"""

from __future__ import annotations

import logging
import pathlib

import pygame

log = logging.getLogger("game.audio")
MIX_RATE = 22050  # the rate every file in assets/sounds is made at (make_sounds.py, make_music.py)
MIX_BUFFER = 1024  # samples per mixing callback (46 ms)
THEME = "theme"  # assets/sounds/theme.ogg: the title's loop (assets/tools/make_music.py)
ENDING_CUE = "theme_end"  # played once at an ending


def _clamp(v: object) -> float:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if f != f else max(0.0, min(1.0, f))


class _Layer:
    """The ambience, on two reserved channels, so that the old loop can fade as the new starts."""

    def __init__(self, channels: tuple[int, int], volume: float) -> None:
        self.channels = channels
        self.volume = _clamp(volume)
        self.current: pathlib.Path | None = None
        self.channel: pygame.mixer.Channel | None = None

    def set_volume(self, volume: float) -> None:
        self.volume = _clamp(volume)
        if self.channel is not None:
            self.channel.set_volume(self.volume)

    def fade_out(self, fade_ms: int) -> None:
        if self.channel is not None and fade_ms > 0:
            self.channel.fadeout(fade_ms)
        elif self.channel is not None:
            self.channel.stop()
        self.channel = None
        self.current = None

    def start(self, sound: pygame.mixer.Sound, loops: int, fade_ms: int) -> None:
        """Plays ``sound`` on whichever of the two channels is not fading out."""
        old = self.channel
        idx = (
            self.channels[1]
            if (old is not None and old == pygame.mixer.Channel(self.channels[0]))
            else self.channels[0]
        )
        ch = pygame.mixer.Channel(idx)
        ch.stop()
        ch.set_volume(self.volume)
        ch.play(sound, loops=loops, fade_ms=fade_ms)
        self.channel = ch


class _Music:
    """The music, streamed from its file by ``pygame.mixer.music`` (one piece at a time)."""

    def __init__(self, volume: float) -> None:
        self.volume = _clamp(volume)
        self.current: pathlib.Path | None = None

    def set_volume(self, volume: float) -> None:
        self.volume = _clamp(volume)
        if pygame.mixer.get_init():
            pygame.mixer.music.set_volume(self.volume)

    def fade_out(self, fade_ms: int) -> None:
        if self.current is not None and pygame.mixer.get_init():
            if fade_ms > 0:
                pygame.mixer.music.fadeout(fade_ms)
            else:
                pygame.mixer.music.stop()
        self.current = None

    def start(self, path: pathlib.Path, loops: int, fade_ms: int) -> None:
        """Streams ``path`` (a piece still playing stops: the title and the endings never meet)."""
        pygame.mixer.music.load(str(path))
        pygame.mixer.music.set_volume(self.volume)
        pygame.mixer.music.play(loops=loops, fade_ms=fade_ms)


class Ambience:
    """The ambience and music layers with crossfades, and the choosing sound."""

    def __init__(
        self,
        assets_root: pathlib.Path | None = None,
        volume: float = 0.6,
        fade_ms: int = 1500,
        enabled: bool = True,
        music_volume: float | None = None,
        deferred: bool = False,
    ) -> None:
        self.assets_root = pathlib.Path(assets_root) if assets_root is not None else None
        self.fade_ms = max(0, int(fade_ms))
        self.enabled = bool(enabled)
        self._ready: bool | None = None  # None = not tried yet
        self._ambience = _Layer((0, 1), volume)
        self._music = _Music(volume if music_volume is None else music_volume)
        self._sounds: dict[pathlib.Path, object] = {}
        self._click: pygame.mixer.Sound | bool | None = None  # False: there is no click sound
        self._bad: set[str] = set()
        # deferred: nothing starts before `begin` (the app calls it once its first frame is drawn:
        # starting the mixer takes 20-100 ms that the first title frame must not wait for)
        self._deferred = bool(deferred)
        self._music_loops = -1

    def begin(self) -> None:
        """Starts what was asked for while deferred (does nothing the second time)."""
        if not self._deferred:
            return
        self._deferred = False
        ambience, music = self.chosen
        self._ambience.current = self._music.current = None
        if music is not None:
            self.play_music(music.stem, loop=self._music_loops < 0)
        elif ambience is not None:
            self.play(ambience)

    @property
    def volume(self) -> float:
        """The ambience volume (the click follows it)."""
        return self._ambience.volume

    @property
    def music_volume(self) -> float:
        return self._music.volume

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
        try:
            self._ambience.set_volume(volume)
        except Exception:
            pass

    def set_music_volume(self, volume: float) -> None:
        """Set the music volume, 0..1."""
        try:
            self._music.set_volume(volume)
        except Exception:
            pass

    def play(self, path: pathlib.Path | str | None) -> None:
        """Crossfade to the ambience loop at ``path`` (the music fades out); ``None``: silence."""
        new = pathlib.Path(path) if path is not None else None
        try:
            if new == self._ambience.current and self._music.current is None:
                return
            if self._deferred or not self._ensure():
                self._ambience.current, self._music.current = new, None
                return
            self._music.fade_out(self.fade_ms)
            if new == self._ambience.current:
                return
            # A decoded loop is several MB: keep only the one fading out and the one starting.
            keep = {new, self._ambience.current}
            for cached in [p for p in self._sounds if p not in keep and p.stem not in ("choose", "page")]:
                del self._sounds[cached]
            self._ambience.fade_out(self.fade_ms)
            self._ambience.current = new
            snd = self._sound(new) if new is not None else None
            if snd is not None:
                self._ambience.start(snd, -1, self.fade_ms)
        except Exception as exc:
            log.warning("ambience failed (%s)", exc)

    def play_music(self, name: str | None, loop: bool = True) -> None:
        """Crossfade to assets/sounds/NAME.ogg on the music layer (the ambience fades out).

        ``loop=False`` plays it once (the ending cue); ``None`` fades the music out.
        """
        path = None
        if name is not None and self.assets_root is not None:
            path = self.assets_root / "sounds" / f"{pathlib.Path(name).name}.ogg"
        try:
            if path == self._music.current and self._ambience.current is None:
                return
            self._music_loops = -1 if loop else 0
            if self._deferred or not self._ensure():
                self._music.current, self._ambience.current = path, None
                return
            self._ambience.fade_out(self.fade_ms)
            if path == self._music.current:
                return
            self._music.fade_out(self.fade_ms)
            self._music.current = path
            if path is not None and str(path) not in self._bad:
                try:
                    self._music.start(path, -1 if loop else 0, self.fade_ms)
                except pygame.error as exc:
                    self._bad.add(str(path))
                    log.warning("cannot play %s (%s)", path, exc)
        except Exception as exc:
            log.warning("music failed (%s)", exc)

    @property
    def chosen(self) -> tuple[pathlib.Path | None, pathlib.Path | None]:
        """(ambience, music) now chosen, whether or not the mixer could start."""
        return self._ambience.current, self._music.current

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
        for layer in (self._ambience, self._music):
            try:
                if self._ready:
                    layer.fade_out(min(self.fade_ms, 600))
            except Exception:
                pass
            layer.current = None
        self._ambience.channel = None
