"""Encrypted files: change files, photos in the shared folder, and files for a partner.

Every file is

    magic "WSSE" | format 1 | kind | key mode | key part | nonce (12) | body length (8) | body

where the body is AES-256-GCM over zlib-compressed bytes and the whole header is
authenticated as associated data, so no byte of it can be changed unnoticed. The
key part is either the team key's id (mode T) or, for a one-off passphrase (mode
P), the scrypt salt and costs plus a short check value that tells a wrong
passphrase from a damaged file.

Reading is defensive: a file is refused before decryption if it is too large, as
"incomplete" if it is shorter than its header says (still being copied), and
decompression stops at a fixed size so a small file cannot expand into gigabytes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import zlib
from dataclasses import dataclass
from typing import Any, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import UserError

MAGIC = b"WSSE"
FORMAT = 1
KIND_CHANGES = b"C"
KIND_PHOTO = b"F"
KIND_EXCHANGE = b"X"
# Change files and "what I have" files of sync format 2: bound to their place (see bind).
KIND_BOUND_CHANGES = b"D"
KIND_HAVE = b"H"
# A device's entry in the team (its name and public device key), see team.py.
KIND_MEMBER = b"M"
MODE_TEAM = b"T"
MODE_PASSPHRASE = b"P"

# Largest file accepted, and largest content after decompression, per kind of file.
LIMITS = {KIND_CHANGES: (32 << 20, 128 << 20),
          KIND_PHOTO: (12 << 20, 12 << 20),
          KIND_EXCHANGE: (512 << 20, 768 << 20),
          KIND_BOUND_CHANGES: (32 << 20, 128 << 20),
          KIND_HAVE: (4 << 20, 16 << 20),
          KIND_MEMBER: (64 << 10, 64 << 10)}
_KIND_NAMES = {KIND_CHANGES: "change file", KIND_PHOTO: "photo", KIND_EXCHANGE: "review file",
               KIND_BOUND_CHANGES: "change file", KIND_HAVE: "sync progress file",
               KIND_MEMBER: "team member file"}


def bind(*parts: object) -> bytes:
    """Associated data naming where a file belongs (team, device, number, format).

    It is authenticated but not stored: the reader supplies what the file's place
    says, so a file renamed, replayed under another number or copied into another
    device's folder or another team's folder fails to open."""
    return "|".join(["wss-desktop", *(str(p) for p in parts)]).encode("utf-8")


class CryptoError(UserError):
    """A file that cannot be opened; the message says why and what to do."""


class NotOurs(CryptoError):
    pass


class Incomplete(CryptoError):
    pass


class TooLarge(CryptoError):
    pass


class Damaged(CryptoError):
    pass


class WrongPassphrase(CryptoError):
    pass


class OtherTeam(CryptoError):
    pass


class NeedPassphrase(CryptoError):
    pass


class Misplaced(CryptoError):
    """Authentic, but not the file that belongs under this name, number and device."""


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's costs: 2**log2n iterations over r-sized blocks, p lanes."""

    log2n: int = 17
    r: int = 8
    p: int = 1

    def check(self) -> None:
        # Refuse costs that are too weak to protect anything, or so large that merely
        # opening a hostile file would exhaust the machine's memory.
        if not (12 <= self.log2n <= 20 and 1 <= self.r <= 16 and 1 <= self.p <= 4):
            raise Damaged("The file asks for unusual key settings and was not opened; it may "
                          "have been damaged or changed.")


# 2**17 x 8 is the current OWASP advice for scrypt (128 MiB); two lanes, run one after
# the other, double the time of a guess without more memory: about 1.3 s on this
# project's machines' cores (bench/bench_privacy.py), over 0.5 s on a current laptop's.
# Each marker and file carries its own costs, so older ones (one lane) still open.
STRONG = ScryptCost(17, 8, 2)


def new_team_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def key_id(key: bytes) -> str:
    """A public name for a key that reveals nothing about it."""
    return hmac.new(key, b"wss-desktop key id", hashlib.sha256).hexdigest()[:16]


def _check_value(key: bytes) -> bytes:
    return hmac.new(key, b"wss-desktop passphrase check", hashlib.sha256).digest()[:8]


def derive(passphrase: str, salt: bytes, cost: ScryptCost) -> bytes:
    cost.check()
    if not passphrase:
        raise NeedPassphrase("The passphrase is empty.")
    return Scrypt(salt=salt, length=32, n=2 ** cost.log2n, r=cost.r, p=cost.p).derive(
        passphrase.encode("utf-8"))


def blob_name(key: bytes, sha256: str) -> str:
    """The shared-folder name of a photo: keyed, so it does not reveal the photo's hash."""
    return hmac.new(key, b"photo:" + sha256.encode("ascii"), hashlib.sha256).hexdigest()[:40]


# --- header -----------------------------------------------------------------------

_FIXED = struct.Struct(">4sB1s1s")          # magic, format, kind, mode
_TAIL = struct.Struct(">12sQ")              # nonce, body length
_PASS = struct.Struct(">16sBBB8s")          # salt, log2n, r, p, check


@dataclass(frozen=True)
class Header:
    kind: bytes
    mode: bytes
    key_id: str | None
    salt: bytes | None
    cost: ScryptCost | None
    check: bytes | None
    nonce: bytes
    body_length: int
    size: int   # bytes of header

    def describe(self) -> str:
        return _KIND_NAMES.get(self.kind, "file")


def read_header(data: bytes) -> Header:
    if len(data) == 0:
        raise Incomplete("The file is empty; it may still be copying.")
    if len(data) < _FIXED.size:
        if MAGIC.startswith(data[:len(MAGIC)]):
            raise Incomplete("The file is incomplete; it may still be copying.")
        raise NotOurs("This is not a WSS Review Desktop file.")
    magic, version, kind, mode = _FIXED.unpack_from(data)
    if magic != MAGIC:
        raise NotOurs("This is not a WSS Review Desktop file.")
    if version != FORMAT:
        raise NotOurs("This file was made by a newer version of WSS Review Desktop. Update the "
                      "app to open it.")
    offset = _FIXED.size
    kid = salt = check = None
    cost = None
    if mode == MODE_TEAM:
        need = offset + 8 + _TAIL.size
        if len(data) < need:
            raise Incomplete("The file is incomplete; it may still be copying.")
        kid = data[offset:offset + 8].hex()
        offset += 8
    elif mode == MODE_PASSPHRASE:
        need = offset + _PASS.size + _TAIL.size
        if len(data) < need:
            raise Incomplete("The file is incomplete; it may still be copying.")
        salt, log2n, r, p, check = _PASS.unpack_from(data, offset)
        cost = ScryptCost(log2n, r, p)
        offset += _PASS.size
    else:
        raise Damaged("The file's header is damaged, so it cannot be opened.")
    nonce, length = _TAIL.unpack_from(data, offset)
    offset += _TAIL.size
    return Header(kind, mode, kid, salt, cost, check, nonce, length, offset)


def _compress(plain: bytes) -> bytes:
    return zlib.compress(plain, 6)


def _decompress(body: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        raise Damaged("The file's contents are damaged, so it cannot be opened.") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLarge("The file unpacks to far more than any real file would, so it was not "
                       "opened (it may be a deliberately harmful file).")
    if not inflater.eof:
        raise Damaged("The file's contents are damaged, so it cannot be opened.")
    return out


def seal(plain: bytes, kind: bytes, *, team_key: bytes | None = None,
         passphrase: str | None = None, cost: ScryptCost | None = None, bound: bytes = b"") -> bytes:
    """Compress and encrypt `plain` with the team key or with a passphrase."""
    cost = cost or STRONG
    nonce = os.urandom(12)
    if team_key is not None:
        key = team_key
        head = _FIXED.pack(MAGIC, FORMAT, kind, MODE_TEAM) + bytes.fromhex(key_id(team_key))
    elif passphrase:
        salt = os.urandom(16)
        key = derive(passphrase, salt, cost)
        head = _FIXED.pack(MAGIC, FORMAT, kind, MODE_PASSPHRASE) + _PASS.pack(
            salt, cost.log2n, cost.r, cost.p, _check_value(key))
    else:
        raise NeedPassphrase("A key or a passphrase is needed to protect the file.")
    body_plain = _compress(plain)
    length = len(body_plain) + 16
    header = head + _TAIL.pack(nonce, length)
    return header + AESGCM(key).encrypt(nonce, body_plain, header + bound)


def unseal(data: bytes, kind: bytes, *, team_keys: Callable[[str], bytes | None] | None = None,
           passphrase: str | None = None, max_size: int | None = None, bound: bytes = b"") -> bytes:
    """The contents of a sealed file, or a CryptoError saying why not.

    `team_keys` maps a key id to the key (None when this computer does not hold it).
    """
    file_limit, plain_limit = LIMITS[kind]
    if max_size is not None:
        file_limit = min(file_limit, max_size)
    if len(data) > file_limit:
        raise TooLarge(f"The file is larger than any {_KIND_NAMES[kind]} should be "
                       f"({len(data) / 1_048_576:.1f} MB), so it was not opened.")
    header = read_header(data)
    if header.kind != kind:
        raise NotOurs(f"This is a WSS Review Desktop {header.describe()}, not a "
                      f"{_KIND_NAMES[kind]}.")
    end = header.size + header.body_length
    if len(data) < end:
        raise Incomplete("The file is incomplete (shorter than it says it is); it may still be "
                         "copying, or it was cut short.")
    if len(data) > end:
        raise Damaged("The file has extra bytes after its end, so it has been changed or "
                      "damaged and was not opened.")
    if header.mode == MODE_TEAM:
        assert header.key_id is not None  # read_header sets it for every team-key file
        key = team_keys(header.key_id) if team_keys else None
        if key is None:
            raise OtherTeam("This file was locked with a team key this computer does not have "
                            "(it may come from another team).")
    else:
        if not passphrase:
            raise NeedPassphrase("This file is protected by a passphrase; give the passphrase "
                                 "to open it.")
        # read_header sets all three for a passphrase file (the only other mode it accepts).
        assert header.salt is not None and header.cost is not None and header.check is not None
        key = derive(passphrase, header.salt, header.cost)
        if not hmac.compare_digest(_check_value(key), header.check):
            raise WrongPassphrase("The passphrase does not open this file. Check it with the "
                                  "person who sent the file; nothing was changed.")
    try:
        body = AESGCM(key).decrypt(header.nonce, data[header.size:end], data[:header.size] + bound)
    except InvalidTag:
        if bound:
            raise Misplaced("The file has been changed or damaged, or it does not belong where it "
                            "is (renamed, replayed under another number, or copied from another "
                            "device's or team's folder), so it was refused and nothing from it "
                            "was used.") from None
        raise Damaged("The file has been changed or damaged since it was made, so it cannot be "
                      "trusted and was not opened.") from None
    return _decompress(body, plain_limit)


# --- the team key, wrapped by the team passphrase -----------------------------------------

def wrap_team_key(key: bytes, passphrase: str, cost: ScryptCost | None = None) -> dict[str, Any]:
    """The team key encrypted by a passphrase, as JSON-ready data (never the key itself)."""
    cost = cost or STRONG
    salt = os.urandom(16)
    kek = derive(passphrase, salt, cost)
    nonce = os.urandom(12)
    kid = key_id(key)
    aad = f"wss-desktop team key {kid}".encode()
    return {"kdf": "scrypt", "log2n": cost.log2n, "r": cost.r, "p": cost.p,
            "salt": base64.b64encode(salt).decode(), "check": base64.b64encode(_check_value(kek)).decode(),
            "nonce": base64.b64encode(nonce).decode(), "key_id": kid,
            "wrapped": base64.b64encode(AESGCM(kek).encrypt(nonce, key, aad)).decode()}


def unwrap_team_key(wrapped: dict[str, Any], passphrase: str) -> bytes:
    try:
        cost = ScryptCost(int(wrapped["log2n"]), int(wrapped["r"]), int(wrapped["p"]))
        salt = base64.b64decode(wrapped["salt"])
        check = base64.b64decode(wrapped["check"])
        nonce = base64.b64decode(wrapped["nonce"])
        blob = base64.b64decode(wrapped["wrapped"])
        kid = str(wrapped["key_id"])
        if wrapped.get("kdf") != "scrypt":
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise Damaged("The team key in the shared folder is damaged; ask the colleague who set "
                      "up the folder to check it.") from None
    kek = derive(passphrase, salt, cost)
    if not hmac.compare_digest(_check_value(kek), check):
        raise WrongPassphrase("That is not the team passphrase (it does not open the team key). "
                              "Check it with your team; nothing was changed.")
    try:
        key = AESGCM(kek).decrypt(nonce, blob, f"wss-desktop team key {kid}".encode())
    except InvalidTag:
        raise Damaged("The team key in the shared folder has been changed or damaged; ask the "
                      "colleague who set up the folder to check it.") from None
    if key_id(key) != kid:
        raise Damaged("The team key in the shared folder does not match its label; ask the "
                      "colleague who set up the folder to check it.")
    return key


# --- the team key, wrapped for one device's own key (X25519) -------------------------------

def new_device_key() -> bytes:
    """A device's private key (X25519, 32 bytes), kept only in that computer's keyring."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    return X25519PrivateKey.generate().private_bytes_raw()


def device_public(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def _device_kek(shared: bytes, epk: bytes, public: bytes, context: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"wss-desktop device wrap|" + epk + public + context).derive(shared)


def wrap_for_device(key: bytes, public: bytes, context: bytes) -> dict[str, Any]:
    """`key` sealed so that only the holder of the private key behind `public` opens it:
    an ephemeral X25519 exchange, HKDF-SHA256, then AES-256-GCM with `context` (team,
    epoch, device, key id) as associated data."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    eph = X25519PrivateKey.generate()
    epk = eph.public_key().public_bytes_raw()
    kek = _device_kek(eph.exchange(X25519PublicKey.from_public_bytes(public)), epk, public, context)
    nonce = os.urandom(12)
    return {"epk": base64.b64encode(epk).decode(), "nonce": base64.b64encode(nonce).decode(),
            "wrapped": base64.b64encode(AESGCM(kek).encrypt(nonce, key, context)).decode()}


def unwrap_for_device(wrap: dict[str, Any], private: bytes, context: bytes) -> bytes | None:
    """The key wrapped for this device, or None when it does not open (not ours, changed)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    try:
        epk = base64.b64decode(wrap["epk"])
        nonce = base64.b64decode(wrap["nonce"])
        blob = base64.b64decode(wrap["wrapped"])
        mine = X25519PrivateKey.from_private_bytes(private)
        public = mine.public_key().public_bytes_raw()
        kek = _device_kek(mine.exchange(X25519PublicKey.from_public_bytes(epk)), epk, public, context)
        key = AESGCM(kek).decrypt(nonce, blob, context)
    except (KeyError, TypeError, ValueError, InvalidTag):
        return None
    return key if len(key) == 32 else None


def seal_small(secret: bytes, key: bytes, context: bytes) -> dict[str, Any]:
    """A small secret (an older team key, names) sealed with a team key, for JSON."""
    nonce = os.urandom(12)
    return {"nonce": base64.b64encode(nonce).decode(),
            "sealed": base64.b64encode(AESGCM(key).encrypt(nonce, secret, context)).decode()}


def open_small(item: dict[str, Any], key: bytes, context: bytes) -> bytes | None:
    try:
        return AESGCM(key).decrypt(base64.b64decode(item["nonce"]), base64.b64decode(item["sealed"]),
                                   context)
    except (KeyError, TypeError, ValueError, InvalidTag):
        return None


def cost_of(wrapped: dict[str, Any]) -> ScryptCost:
    """The scrypt cost a passphrase-wrapped key was made with (the marker's), never below
    the one this version uses for new keys."""
    try:
        cost = ScryptCost(int(wrapped["log2n"]), int(wrapped["r"]), int(wrapped["p"]))
        cost.check()
    except (KeyError, TypeError, ValueError, Damaged):
        return STRONG
    return max(cost, STRONG, key=lambda c: (c.log2n, c.r * c.p))
