"""Sensitive fields at rest: SM4-GCM encryption and HMAC-SM3 keyed hashes (GB/T 32907, 32905).

The keys live in a key file outside the database, made by `lingji init`. A keyed hash lets
checks match the same person across units without decrypting anyone; it is keyed so that
a stolen database cannot be searched with a list of known ID numbers.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from lingji.exceptions import KeyFileInvalid, KeyFileMissing

_NONCE_BYTES = 12
_TAG_BYTES = 16
_FORMAT = "lingji-keyfile-1"


@dataclass(frozen=True)
class KeyRing:
    """The two keys of a Lingji installation."""

    encryption_key: bytes
    hash_key: bytes

    def encrypt(self, plaintext: str, *, field: str) -> bytes:
        """Returns nonce | ciphertext | tag; the field name is bound in as associated data."""
        nonce = os.urandom(_NONCE_BYTES)
        encryptor = Cipher(algorithms.SM4(self.encryption_key), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(field.encode())
        body = encryptor.update(plaintext.encode()) + encryptor.finalize()
        return nonce + body + encryptor.tag

    def decrypt(self, sealed: bytes, *, field: str) -> str:
        """Returns the plaintext; raises KeyFileInvalid if the key does not open it."""
        nonce, body, tag = (
            sealed[:_NONCE_BYTES],
            sealed[_NONCE_BYTES:-_TAG_BYTES],
            sealed[-_TAG_BYTES:],
        )
        decryptor = Cipher(algorithms.SM4(self.encryption_key), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(field.encode())
        try:
            return (decryptor.update(body) + decryptor.finalize()).decode()
        except InvalidTag:
            raise KeyFileInvalid("密钥文件与数据库中的加密数据不匹配，无法解密") from None

    def keyed_hash(self, value: str, *, field: str) -> str:
        """Returns HMAC-SM3 of the value (hex), separate per field so hashes never cross fields."""
        mac = hmac.HMAC(self.hash_key, hashes.SM3())
        mac.update(field.encode() + b"\x00" + value.encode())
        return mac.finalize().hex()

    def seal(
        self, values: Sequence[str | None], *, field: str
    ) -> tuple[list[bytes | None], list[str | None]]:
        """Returns `encrypt` and `keyed_hash` of many values of one field (None stays None).

        The same constructions as one value at a time, with the per-value set-up that does
        not depend on the value done once: the SM4 key object, the HMAC-SM3 state after the
        key and field prefix (copied for each value), and the nonces, each still 12 fresh
        bytes from the operating system's CSPRNG, fetched in one call.
        """
        algorithm = algorithms.SM4(self.encryption_key)
        associated = field.encode()
        prefixed = hmac.HMAC(self.hash_key, hashes.SM3())
        prefixed.update(associated + b"\x00")
        nonces = os.urandom(_NONCE_BYTES * len(values))
        sealed: list[bytes | None] = []
        hashed: list[str | None] = []
        for i, value in enumerate(values):
            if value is None:
                sealed.append(None)
                hashed.append(None)
                continue
            plain = value.encode()
            nonce = nonces[i * _NONCE_BYTES : (i + 1) * _NONCE_BYTES]
            encryptor = Cipher(algorithm, modes.GCM(nonce)).encryptor()
            encryptor.authenticate_additional_data(associated)
            body = encryptor.update(plain) + encryptor.finalize()
            sealed.append(nonce + body + encryptor.tag)
            mac = prefixed.copy()
            mac.update(plain)
            hashed.append(mac.finalize().hex())
        return sealed, hashed


def create_key_file(path: Path) -> KeyRing:
    """Writes a new key file readable by its owner only; refuses to overwrite one."""
    if path.exists():
        raise KeyFileInvalid(f"密钥文件 {path} 已存在；覆盖它会使已加密的数据无法解密")
    path.parent.mkdir(parents=True, exist_ok=True)
    ring = KeyRing(os.urandom(16), os.urandom(32))
    payload = {
        "format": _FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sm4_key": base64.b64encode(ring.encryption_key).decode(),
        "hmac_sm3_key": base64.b64encode(ring.hash_key).decode(),
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(payload, handle, indent=2)
    return ring


def load_key_file(path: Path) -> KeyRing:
    """Reads the key file made by `lingji init`."""
    if not path.exists():
        raise KeyFileMissing(f"找不到密钥文件 {path}：请先运行 `lingji init`")
    try:
        payload = json.loads(path.read_text())
        if payload.get("format") != _FORMAT:
            raise ValueError(payload.get("format"))
        ring = KeyRing(
            base64.b64decode(payload["sm4_key"]), base64.b64decode(payload["hmac_sm3_key"])
        )
    except (ValueError, KeyError, TypeError) as error:
        raise KeyFileInvalid(f"密钥文件 {path} 无法识别：{type(error).__name__}") from None
    if len(ring.encryption_key) != 16 or len(ring.hash_key) != 32:
        raise KeyFileInvalid(f"密钥文件 {path} 中的密钥长度不对")
    return ring
