"""Run a server as an unprivileged account when we are root (postgres refuses to run as root).

Same approach as pgserver (postgres_server.py / utils.py): a dedicated system user `pgserver`,
created with useradd on first use, owning the data directory. pgserver opens every parent
directory up to "/" with o+rx; we add only o+x (search), which is all that account needs.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
from pathlib import Path

SYSTEM_USER = "pgserver"


def account_to_run_as() -> pwd.struct_passwd | None:
    """The account to run as: None when we are not root (run as ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        pass
    # Not pgserver.utils.ensure_user_exists: importing pgserver takes a lock under
    # XDG_RUNTIME_DIR and warns when that is unset.
    try:
        subprocess.run(
            ["useradd", "--system", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = (getattr(exc, "stderr", "") or str(exc)).strip()
        raise PermissionError(f"cannot create system user {SYSTEM_USER}: {detail}") from exc
    return pwd.getpwnam(SYSTEM_USER)


def hand_over(directory: Path, account: pwd.struct_passwd | None, *reachable: Path) -> None:
    """Make `directory` private to `account`, and it and `reachable` paths traversable."""
    directory.mkdir(parents=True, exist_ok=True)
    if account is not None:
        for path in (directory.parent, *reachable):
            _allow_traversal(path)
        if directory.stat().st_uid != account.pw_uid:  # e.g. the account was re-created
            for path in (directory, *directory.rglob("*")):
                os.lchown(path, account.pw_uid, account.pw_gid)
    directory.chmod(0o700)  # postgres refuses a data directory others can read


def _allow_traversal(path: Path) -> None:
    for directory in (path, *path.parents):
        mode = directory.stat().st_mode
        if not mode & stat.S_IXOTH:
            directory.chmod(mode | stat.S_IXOTH)
