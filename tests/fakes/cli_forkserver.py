"""Runs a Python command-line tool's own entry point in forked children of one warm process.

The nifcloud CLI spends most of each call importing botocore and its own service model; the
script suites make hundreds of calls. This server imports the CLI once and forks a child per
call; the child takes the caller's stdin/stdout/stderr (passed over the socket), environment,
working directory and argv, runs the CLI's real `main()`, and the caller exits with its status.
Nothing about the CLI's behaviour changes: the same code parses, validates and sends each call.

usage: cli_forkserver.py SOCKET MODULE FUNCTION [WARM-UP ARGS...]
  WARM-UP ARGS: one call run in the server itself (output discarded) so that the service model
  it reads is parsed once and inherited by every child, e.g. `computing describe-regions
  --generate-cli-skeleton`, which reads the model and sends nothing.
"""

import array
import importlib
import json
import os
import signal
import socket
import struct
import sys

HEADER = struct.Struct("!I")
STATUS = struct.Struct("!i")


def receive_request(conn):
    fds = array.array("i")
    msg, ancdata, _, _ = conn.recvmsg(65536, socket.CMSG_LEN(3 * fds.itemsize))
    for level, kind, data in ancdata:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
    (length,) = HEADER.unpack(msg[: HEADER.size])
    payload = msg[HEADER.size :]
    while len(payload) < length:
        chunk = conn.recv(length - len(payload))
        if not chunk:
            raise EOFError("request cut short")
        payload += chunk
    return json.loads(payload), list(fds)


def run_call(conn, entry):
    """In the forked child: become the caller's process, run the CLI, report its status."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    status = 1
    try:
        request, fds = receive_request(conn)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.argv = request["argv"]
        try:
            result = entry()
            status = result if isinstance(result, int) else 0
        except SystemExit as done:
            status = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except Exception as error:  # the caller sees why, instead of a silent failure
        os.write(2, f"cli_forkserver: {error!r}\n".encode())
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        try:
            conn.sendall(STATUS.pack(status))
        finally:
            os._exit(0)


def cache_model_files():
    """botocore parses the same JSON model files on every call: keep what was parsed."""
    try:
        from botocore import loaders
    except ImportError:
        return
    parsed = {}
    load_file = loaders.JSONFileLoader.load_file

    def cached_load_file(self, file_path):
        if file_path not in parsed:
            parsed[file_path] = load_file(self, file_path)
        return parsed[file_path]

    loaders.JSONFileLoader.load_file = cached_load_file


def warm_up(entry, tool, args):
    saved = sys.argv, os.dup(1), os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        sys.argv = [tool] + args
        try:
            entry()
        except SystemExit:
            pass
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.argv = saved[0]
        os.dup2(saved[1], 1)
        os.dup2(saved[2], 2)
        for fd in (devnull, saved[1], saved[2]):
            os.close(fd)


def main():
    sock_path, module, function = sys.argv[1:4]
    entry = getattr(importlib.import_module(module), function)
    cache_model_files()
    if len(sys.argv) > 4:
        warm_up(entry, module.split(".")[0], sys.argv[4:])
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(sock_path + ".tmp")
    os.rename(sock_path + ".tmp", sock_path)  # callers only ever see a listening socket
    server.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    while True:
        conn, _ = server.accept()
        if os.fork() == 0:
            server.close()
            run_call(conn, entry)
        conn.close()


if __name__ == "__main__":
    main()
