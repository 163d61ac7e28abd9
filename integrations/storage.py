"""Where uploaded bytes live. Callers see a small interface — put bytes, get a key back; open
or delete by key — so the local directory used today can become object storage later.

Keys are random and made here, never derived from a client's file name, and a key that is not
of our own shape is refused before it reaches the filesystem: no path traversal by design."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_BYTES = 64 * 1024
_KEY = re.compile(r"^[0-9a-f]{32}$")


class ObjectMissing(LookupError):
    """No bytes are stored under this key."""


class InvalidKey(ValueError):
    """The key is not one this storage could have made."""


class Storage(Protocol):
    async def put(self, data: bytes) -> str:
        """Store the bytes under a new random key and return the key."""
        ...

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The stored bytes in chunks; raises ObjectMissing before the first chunk."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the bytes; a key already gone is not an error."""
        ...


class LocalStorage:
    """Files under one directory, fanned out by the key's first two characters so that no
    directory grows to millions of entries."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def path_of(self, key: str) -> Path:
        if not _KEY.fullmatch(key):
            raise InvalidKey(f"not a storage key: {key!r}")
        path = (self.root / key[:2] / key).resolve()
        if not path.is_relative_to(self.root):  # defence in depth; the pattern already ensures it
            raise InvalidKey(f"not a storage key: {key!r}")
        return path

    async def put(self, data: bytes) -> str:
        key = secrets.token_hex(16)
        await asyncio.to_thread(self._write, self.path_of(key), data)
        return key

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so a reader never sees half a file.
        partial = path.with_name(f".{path.name}.partial")
        with partial.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)

    async def open(self, key: str) -> AsyncIterator[bytes]:
        path = self.path_of(key)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise ObjectMissing(key) from None
        return self._chunks(handle)

    @staticmethod
    async def _chunks(handle: BinaryIO) -> AsyncIterator[bytes]:
        try:
            while chunk := await asyncio.to_thread(handle.read, CHUNK_BYTES):
                yield chunk
        finally:
            handle.close()

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.path_of(key).unlink, missing_ok=True)
