"""Password hashing with argon2id; parameters live in one place so they can be raised later."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


MIN_LENGTH = 10
MAX_LENGTH = 128
# The most used passwords that pass the length rule; a breach list would be better, but needs a
# download this project may not make at run time.
COMMON_PASSWORDS = frozenset(
    {
        "1234567890",
        "12345678910",
        "0123456789",
        "1111111111",
        "1q2w3e4r5t",
        "qwertyuiop",
        "password1",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "iloveyou123",
        "qwerty1234",
        "qwerty12345",
        "qwerty123456",
        "1qaz2wsx3edc",
        "asdfghjkl1",
        "zaq12wsxcde",
        "letmein123",
        "welcome123",
        "admin12345",
        "administrator",
        "abc1234567",
        "princess123",
        "football123",
        "baseball123",
        "sunshine123",
        "superman123",
        "changeme123",
        "trustno1234",
        "monkey12345",
        "dragon12345",
        "whatever123",
        "starwars123",
        "p@ssw0rd123",
        "simdesk123",
    }
)


def password_problems(password: str, *, email: str = "", names: tuple[str, ...] = ()) -> list[str]:
    """Why a new password is refused; empty when it is acceptable."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"must be at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        problems.append(f"must be at most {MAX_LENGTH} characters")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS:
        problems.append("is one of the most common passwords")
    personal = [email.lower(), email.split("@")[0].lower(), *(n.lower() for n in names)]
    if any(len(part) >= 4 and part in lowered for part in personal):
        problems.append("must not contain your email address or name")
    if len(set(password)) < 4:
        problems.append("must use more than three different characters")
    return problems
