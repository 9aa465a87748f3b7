"""An `ss -Hltnp "sport = :PORT"` stand-in for the tests: prints a listening socket, with the
process that holds it, when a stand-in part (part.py) holds PORT."""
import fcntl
import os
import re
import sys

port = re.search(r":(\d+)", sys.argv[-1]).group(1)
path = os.path.join(os.environ["LOCAL_STANDIN_PORTS"], port)
if os.path.exists(path):
    with open(path) as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            name, pid = f.read().split()
            print(f'LISTEN 0      4096      127.0.0.1:{port}      0.0.0.0:*    users:(("{name}",pid={pid},fd=3))')
