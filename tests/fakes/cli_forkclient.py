"""The caller's side of cli_forkserver.py: hands this process's stdin/stdout/stderr, environment,
working directory and argv to the server and exits with the status of the call.

usage: python3 -S cli_forkclient.py SOCKET ARGS...   (argv[0] of the call becomes the tool name)
"""

import array
import json
import os
import socket
import struct
import sys


def main():
    sock_path, tool = sys.argv[1], sys.argv[2]
    request = json.dumps({"argv": [tool] + sys.argv[3:], "env": dict(os.environ), "cwd": os.getcwd()}).encode()
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(sock_path)
    fds = array.array("i", [0, 1, 2])
    conn.sendmsg([struct.pack("!I", len(request)) + request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
    status = b""
    while len(status) < 4:
        chunk = conn.recv(4 - len(status))
        if not chunk:
            sys.stderr.write("cli_forkclient: the server ended the call without a status\n")
            sys.exit(1)
        status += chunk
    sys.exit(struct.unpack("!i", status)[0])


if __name__ == "__main__":
    main()
