"""The lock every stand-in takes before it changes a shared state file (tests/rehearsal/README.md,
"Shared state and locking"), as tests/rehearsal/lib/stateLock.ts takes it: the directory
`<file>.lock`, made with mkdir, holding `pid`; a lock whose holder has died is taken over."""
import contextlib
import errno
import json
import os
import shutil
import time


def _alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError as e:
        return e.errno == errno.EPERM


def _try_lock(lock):
    try:
        os.mkdir(lock)
    except FileExistsError:
        try:
            holder = int(open(os.path.join(lock, "pid")).read())
        except (OSError, ValueError):
            return False  # the holder is between mkdir and writing its pid
        if not _alive(holder):
            shutil.rmtree(lock, ignore_errors=True)
        return False
    with open(os.path.join(lock, "pid"), "w") as f:
        f.write(str(os.getpid()))
    return True


@contextlib.contextmanager
def locked(path, timeout=30.0):
    """Holds the lock of the state file `path` for the duration of the block."""
    lock = path + ".lock"
    deadline = time.monotonic() + timeout
    while not _try_lock(lock):
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for the lock {lock}")
        time.sleep(0.01)
    try:
        yield
    finally:
        shutil.rmtree(lock, ignore_errors=True)


def write_json(path, value):
    """Writes `value` whole: to a temporary name, then rename."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w") as f:
        json.dump(value, f, indent=1)
    os.replace(temporary, path)
