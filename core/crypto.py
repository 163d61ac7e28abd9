"""Encryption of sensitive fields at rest (TOTP secrets, KYC document numbers).

DATA_ENCRYPTION_KEY holds one or more Fernet keys separated by commas: the first encrypts,
all decrypt, so a key is rotated by putting the new one first and re-encrypting at leisure."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from core.settings import Settings


class FieldCipher:
    def __init__(self, settings: Settings) -> None:
        keys = [k.strip() for k in settings.data_encryption_key.get_secret_value().split(",")]
        self._fernet = MultiFernet([Fernet(key) for key in keys if key])

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken:
            raise ValueError("cannot decrypt: no configured key matches") from None

    def rotate(self, ciphertext: str) -> str:
        return self._fernet.rotate(ciphertext.encode()).decode()
