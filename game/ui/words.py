"""Every word the desktop player shows of its own (the story's words live in the story files).

One table, so a translation can later be added beside it.
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    # title
    "new_game": "New game",
    "continue": "Continue",
    "load": "Load",
    "settings": "Settings",
    "quit": "Quit",
    "content_note": "Before you begin",
    "begin": "Begin",
    "back": "Back",
    "no_save_yet": "No save yet",
    # play
    "pov_choice": "{name}'s choice",
    "continue_choice": "Continue",
    "undo": "Undo",
    "menu": "Menu",
    "family": "Family",
    "history": "History",
    "locked": "Locked",
    "to_discuss": "To discuss",
    "fact": "Fact",
    "source": "Source",
    "stuck_title": "The story cannot go on from here",
    "hint_play": "1–9 choose · Space show all · F family · Esc menu · Ctrl+Z undo",
    "nothing_to_undo": "There is nothing to undo yet.",
    "undone": "Went back one choice.",
    # family
    "family_title": "The family",
    "savings": "Savings",
    "not_born": "not yet born",
    "close": "Close",
    # consequence
    "consequence_title": "What this changed",
    "nothing_changed": "Nothing anyone would notice, yet.",
    "press_continue": "Continue",
    # pause menu
    "paused": "Paused",
    "resume": "Resume",
    "save": "Save",
    "title_screen": "Title screen",
    "screenshot": "Screenshot",
    "confirm_title": "Return to the title screen? Your progress is autosaved at every choice.",
    "confirm_quit": "Quit the game? Your progress is autosaved at every choice.",
    "yes": "Yes",
    "no": "No",
    # history
    "history_title": "History",
    "history_empty": "Nothing read yet.",
    "you_chose": "You chose: {text}",
    "you_continued": "You read on.",
    # saves
    "save_title": "Save",
    "load_title": "Load",
    "slot": "Slot {n}",
    "autosave": "Autosave",
    "empty_slot": "Empty",
    "delete": "Delete",
    "confirm_overwrite": "Replace the save in {slot}?",
    "confirm_delete": "Delete {slot}? This cannot be undone.",
    "damaged": "Damaged",
    "saved": "Saved in {slot}.",
    "deleted": "Deleted {slot}.",
    "loaded": "Loaded {slot}.",
    "saved_at": "Saved {when}",
    # settings
    "settings_title": "Settings",
    "text_speed": "Text speed",
    "text_size": "Text size",
    "fullscreen": "Fullscreen",
    "volume": "Volume",
    "high_contrast": "High contrast",
    "reduced_motion": "Reduced motion",
    "on": "On",
    "off": "Off",
    "speed_slow": "Slow",
    "speed_normal": "Normal",
    "speed_fast": "Fast",
    "speed_instant": "Instant",
    "size_small": "Small",
    "size_medium": "Medium",
    "size_large": "Large",
    "size_largest": "Largest",
    "settings_hint": "Left and Right change a setting; Esc goes back.",
    # ending
    "the_end": "The end",
    "epilogue": "What became of them",
    "what_really_happened": "What really happened",
    "to_title": "Back to the title",
    # errors and notices
    "story_errors": "The story could not be loaded",
    "story_errors_help": "Fix these in the story files, then start the game again.",
    "screenshot_saved": "Screenshot saved: {path}",
    "screenshot_failed": "Could not save the screenshot: {reason}",
    "autosave_failed": "Autosave failed: {reason}",
}


def word(key: str, **values: object) -> str:
    """The interface text for `key`, with `{name}` placeholders filled from `values`."""
    text = WORDS.get(key, key)
    return text.format(**values) if values else text
