"""A stand-in for one part of a local control plane (etcd, kube-apiserver,
kube-controller-manager, kube-scheduler, kwok), run under the binary's name by
devtools/local/control-plane.sh in the tests.

Ports are modelled by lock files in $LOCAL_STANDIN_PORTS (one per port, held while the part
runs), so a second instance on a taken port fails as the real one does, and nothing binds a
real port. Like the real binaries (Go's signal.Notify), it installs its own SIGINT and SIGTERM
handlers even when started with SIGINT ignored, and stops on either after
$LOCAL_STANDIN_STOP_SECONDS (a graceful shutdown). Each start and stop is appended to
$LOCAL_STANDIN_PORTS/events.
"""
import fcntl
import os
import re
import signal
import sys
import time

name = os.path.basename(sys.argv[0])
args = sys.argv[1:]
ports_dir = os.environ["LOCAL_STANDIN_PORTS"]


def flag(option):
    return args[args.index(option) + 1] if option in args else None


def port_of(address):
    return int(re.search(r":(\d+)$", address).group(1))


ports = []
for option in ("--listen-client-urls", "--listen-peer-urls", "--server-address"):
    if flag(option):
        ports.append(port_of(flag(option)))
if flag("--secure-port"):
    ports.append(int(flag("--secure-port")))


def event(what):
    with open(os.path.join(ports_dir, "events"), "a") as f:
        f.write(f"{what} {name} {os.getpid()} {' '.join(map(str, ports))}\n")


held = []
for port in ports:
    f = open(os.path.join(ports_dir, str(port)), "a+")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"listen tcp 127.0.0.1:{port}: bind: address already in use", file=sys.stderr)
        event("refused")
        sys.exit(1)
    f.truncate(0)
    f.write(f"{name} {os.getpid()}\n")
    f.flush()
    held.append(f)
event("started")

stopping = False


def stop(signum, _frame):
    global stopping
    if stopping:
        return
    stopping = True
    event(f"stopping-on-{signal.Signals(signum).name}")
    time.sleep(float(os.environ.get("LOCAL_STANDIN_STOP_SECONDS", "0")))
    sys.exit(0)


signal.signal(signal.SIGINT, stop)
signal.signal(signal.SIGTERM, stop)
while True:
    time.sleep(3600)
