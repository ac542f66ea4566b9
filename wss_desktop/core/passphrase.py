"""One rule for every passphrase a user chooses (team, backup, unlocking this computer),
used by the command line and the desktop app alike, and a generator that suggests one.

A passphrase is accepted when it has at least 10 characters (spaces not counted) drawn
from more than a handful of different characters, or when it is a phrase of at least
four words. Guessing is slowed by the key derivation (crypto.STRONG: scrypt, about a
second per guess on a laptop core); the rule keeps the number of likely guesses large.
"""

from __future__ import annotations

import re
import secrets as _random

from .errors import InputError

MIN_LENGTH = 10
MIN_WORDS = 4
SUGGESTED_WORDS = 5

RULE = ("Choose a passphrase of at least 10 characters, or a phrase of four or more words "
        "(a short sentence is easy to remember and hard to guess).")

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)

# Plain, everyday words for suggestions: over 256 of them, so five words carry over 40 bits.
WORDS = tuple(sorted(set("""
acorn adder alder almond amber anchor apple apricot arch arrow aspen atlas autumn badger
bakery balcony ballad bamboo banjo barley barn basket beacon beaver beech berry bicycle
birch biscuit blanket bluebell bonfire bramble breeze brick bridge brook bubble bucket
buckle button cabin cactus camel candle canoe canyon carrot castle cedar cellar chalk
cherry chestnut cinder clover cobble comet compass copper coral cotton cradle crater
cricket crocus crystal cushion daisy dawn delta desert dolphin dove dragonfly drum dune
eagle easel echo elder ember falcon feather fennel fern ferry fiddle field finch fjord
flint forest fountain fox garden garnet ginger glacier glade globe gravel grove gull
hammock harbour harvest hazel heather hedge heron hickory hill holly honey hoop horizon
iceberg inlet island ivory ivy jasmine jetty jigsaw juniper kayak kestrel kettle kite
koala ladder lagoon lantern larch lark lemon lilac linen lobster locket lupin magpie
mallow mango maple marble marsh meadow melon millet mint mitten moss moth mountain
muffin nectar nettle nutmeg oak oasis oatmeal ocean olive orchard otter owl paddle
pebble pelican pepper petal piano pigeon pillow pine plum pocket pond poplar poppy
puffin quarry quill quilt rabbit radish rainbow raven reed ribbon ridge river robin
rocket rowan saddle saffron sage sail salmon sandal satchel scarf seal shell shingle
shore silver skylark sled slope snail sorrel sparrow spindle spruce squirrel starling
stone stream summit swallow swan sycamore teapot thistle thrush thyme tide timber
toffee topaz torch tortoise tower trellis tulip tundra turnip valley velvet violet
walnut walrus wander warbler water wheat whistle willow window wren yacht yarrow yew
zephyr zinnia acre gorse heath loch tarn
""".split())))


class WeakPassphrase(InputError):
    """A new passphrase that does not meet the rule."""


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def problem(text: str | None) -> str | None:
    """Why `text` is not good enough as a new passphrase, or None when it is."""
    text = text or ""
    if not text.strip():
        return "The passphrase is empty. " + RULE
    if len(_words(text)) >= MIN_WORDS:
        return None
    compact = "".join(text.split())
    if len(compact) < MIN_LENGTH:
        return f"That passphrase is too short ({len(compact)} characters). " + RULE
    if len(set(compact.lower())) < 5:
        return "That passphrase repeats too few different characters to be hard to guess. " + RULE
    return None


def check_new(text: str | None) -> str:
    """`text` when it meets the rule; WeakPassphrase (saying why) when it does not."""
    reason = problem(text)
    if reason:
        raise WeakPassphrase(reason)
    return text  # type: ignore[return-value]


def suggest(words: int = SUGGESTED_WORDS) -> str:
    """A random phrase of everyday words, such as 'otter lantern quill meadow thyme'."""
    return " ".join(_random.choice(WORDS) for _ in range(words))


__all__ = ["MIN_LENGTH", "MIN_WORDS", "RULE", "WORDS", "WeakPassphrase", "problem", "check_new",
           "suggest"]
