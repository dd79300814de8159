"""How fast the game's words are read: the pace of a teacher reading aloud to a class.

On the ground floor (standard library only), because three floors share it: the engine times a
lesson by it, the player's settings offer it as the "Reading aloud" text speed, and the browser's
class gets it from the export; the window's first frame reads the settings before the engine is
imported.
"""

from __future__ import annotations

# About 130 words a minute, slower than the guide's 150 for a whole path, because a lesson reads
# every word aloud.
READ_ALOUD_WPM = 130
# The same in characters a second, a word being some 6 characters with its space.
READ_ALOUD_CPS = READ_ALOUD_WPM * 6 / 60
