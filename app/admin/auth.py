"""Admin accounts: argon2 passwords, server-side sessions, login throttling and CSRF tokens."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from pwdlib import PasswordHash
from sqlalchemy import delete, func
from sqlmodel import Session, select

from app.models import AdminSession, AdminUser, LoginAttempt, utcnow

SESSION_LIFETIME = timedelta(hours=8)
MIN_PASSWORD_LENGTH = 12
# Longer input is refused before any hashing: argon2 over a megabyte-long "password" would tie up a worker, and
# no account can have one (check_new_password). Usernames have at most 60 characters (create_admin).
MAX_PASSWORD_LENGTH = 1024
MAX_USERNAME_LENGTH = 60
# Failed logins count for this long; after FREE_FAILURES, each further attempt must wait twice as long.
THROTTLE_WINDOW = timedelta(minutes=15)
FREE_FAILURES = 3
FREE_FAILURES_PER_CLIENT = 20
MAX_DELAY = timedelta(minutes=15)

_hasher = PasswordHash.recommended()


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so that takes as long as a real check.

    Made on first use, not at import: argon2 is slow on purpose and every process start would pay for it."""
    return _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A username or password that cannot be used; the message says why, the code which form message to show."""

    def __init__(self, message: str, code: str = "password_short"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class LoggedIn:
    """The admin behind a request and the session they are in."""

    user: AdminUser
    session: AdminSession


def hash_password(password: str) -> str:
    """An argon2 hash of the password."""
    return _hasher.hash(password)


def check_new_password(password: str) -> None:
    """Raise AccountError when a password is too weak to set."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters",
                           f"too_long:{MAX_PASSWORD_LENGTH}")


def create_admin(db: Session, username: str, password: str) -> AdminUser:
    """Create an admin, or set the password of an existing one; commit."""
    username = username.strip()
    if not username or len(username) > MAX_USERNAME_LENGTH:
        raise AccountError(f"the username must have 1 to {MAX_USERNAME_LENGTH} characters")
    if has_control_characters(username):
        raise AccountError("the username must not contain control characters")
    check_new_password(password)
    user = db.exec(select(AdminUser).where(AdminUser.username == username)).first()
    if user is None:
        user = AdminUser(username=username, password_hash=hash_password(password))
    else:
        user.password_hash = hash_password(password)
        db.exec(delete(AdminSession).where(AdminSession.user_id == user.id))
    db.add(user)
    db.commit()
    db.refresh(user)
    return user


def ensure_first_admin(db: Session, username: str | None, password: str | None) -> AdminUser | None:
    """Create the configured admin when no admin exists yet; never overwrite an existing account."""
    if not username or not password:
        return None
    if db.exec(select(func.count()).select_from(AdminUser)).one() > 0:
        return None
    return create_admin(db, username, password)


def has_control_characters(username: str) -> bool:
    """Whether a username holds a control character (NUL included), which no account's username has."""
    return any(ch < " " or ch == "\x7f" for ch in username)


def too_long_to_check(username: str, password: str) -> bool:
    """Whether login input is longer than any account's, so it is refused before it is hashed."""
    return len(username.strip()) > MAX_USERNAME_LENGTH or len(password) > MAX_PASSWORD_LENGTH


def authenticate(db: Session, username: str, password: str) -> AdminUser | None:
    """The admin with this username and password, or None (taking as long either way)."""
    user = db.exec(select(AdminUser).where(AdminUser.username == username.strip())).first()
    valid, new_hash = _hasher.verify_and_update(password, user.password_hash if user else _dummy_hash())
    if user is None or not valid:
        return None
    if new_hash is not None:
        user.password_hash = new_hash
        db.add(user)
    return user


def change_password(db: Session, current: LoggedIn, old: str, new: str) -> None:
    """Set a new password after checking the old one; end every other session of this admin; commit."""
    # An over-long "current password" cannot be right: say so without hashing it.
    if len(old) > MAX_PASSWORD_LENGTH or not _hasher.verify(old, current.user.password_hash):
        raise AccountError("the current password is not right", "password_wrong")
    check_new_password(new)
    current.user.password_hash = hash_password(new)
    db.add(current.user)
    db.exec(delete(AdminSession).where(AdminSession.user_id == current.user.id)
            .where(AdminSession.token_hash != current.session.token_hash))
    db.commit()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _sign(secret: str, token: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def start_session(db: Session, user: AdminUser, secret: str) -> str:
    """Store a new session for this admin and return the signed cookie value; commit."""
    token = secrets.token_urlsafe(32)
    db.add(AdminSession(token_hash=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                        expires_at=utcnow() + SESSION_LIFETIME))
    db.commit()
    return f"{token}.{_sign(secret, token)}"


def _token(cookie: str | None, secret: str) -> str | None:
    token, _, signature = (cookie or "").partition(".")
    # Compared as bytes: compare_digest refuses str holding anything but ASCII, and a cookie may hold anything.
    if token and hmac.compare_digest(signature.encode(), _sign(secret, token).encode()):
        return token
    return None


def load_session(db: Session, cookie: str | None, secret: str) -> LoggedIn | None:
    """The admin whose live session this cookie names, or None."""
    token = _token(cookie, secret)
    if token is None:
        return None
    stored = db.get(AdminSession, _digest(token))
    if stored is None or stored.expires_at <= utcnow():
        return None
    user = db.get(AdminUser, stored.user_id)
    return LoggedIn(user=user, session=stored) if user else None


def end_session(db: Session, cookie: str | None, secret: str) -> None:
    """Forget the session this cookie names, so the cookie stops working everywhere; commit."""
    token = _token(cookie, secret)
    if token is not None:
        db.exec(delete(AdminSession).where(AdminSession.token_hash == _digest(token)))
        db.exec(delete(AdminSession).where(AdminSession.expires_at <= utcnow()))
        db.commit()


def csrf_matches(expected: str, given: str | None) -> bool:
    """Whether a submitted CSRF token is the expected one (compared in constant time)."""
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


def login_delay(db: Session, username: str, client: str, now: datetime | None = None) -> int:
    """Seconds to wait before another login attempt for this username from this client, or from this client at
    all (0: go ahead)."""
    now = now or utcnow()
    since = now - THROTTLE_WINDOW
    # Failures for a username count per client address: counted for the username alone, anyone could keep its
    # admin out by guessing wrong from anywhere. The client's own count still slows one guessing many names.
    same_name_here = (LoginAttempt.username == username.strip().lower()) & (LoginAttempt.client == client[:64])
    waits = [
        _wait(db, same_name_here, since, now, FREE_FAILURES),
        _wait(db, LoginAttempt.client == client, since, now, FREE_FAILURES_PER_CLIENT),
    ]
    return max(waits)


def _wait(db: Session, which, since: datetime, now: datetime, free: int) -> int:
    failures = db.exec(select(func.count(), func.max(LoginAttempt.at)).where(which)
                       .where(LoginAttempt.at > since)).one()
    count, last = failures
    if count < free or last is None:
        return 0
    delay = min(timedelta(seconds=2 ** (count - free)), MAX_DELAY)
    last = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    remaining = (last + delay - now).total_seconds()
    return max(0, int(remaining + 0.999))


def record_failure(db: Session, username: str, client: str) -> None:
    """Remember a failed login; forget those older than the window; commit."""
    db.add(LoginAttempt(username=username.strip().lower()[:200], client=client[:64]))
    db.exec(delete(LoginAttempt).where(LoginAttempt.at <= utcnow() - THROTTLE_WINDOW))
    db.commit()


def clear_failures(db: Session, username: str) -> None:
    """Forget the failed logins for a username after it logged in (not committed)."""
    db.exec(delete(LoginAttempt).where(LoginAttempt.username == username.strip().lower()))
