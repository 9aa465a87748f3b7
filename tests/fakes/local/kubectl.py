"""A kubectl stand-in for devtools/local/control-plane.sh in the tests: the API server is ready
when a stand-in kube-apiserver holds the port of the kubeconfig's server (see part.py); the
controller manager's default ServiceAccount, the fake node (Ready, untainted) and every apply
or taint simply succeed."""
import fcntl
import os
import re
import sys

args = sys.argv[1:]
if "/readyz" in args:
    kubeconfig = open(args[args.index("--kubeconfig") + 1]).read()
    port = re.search(r"server: https://127\.0\.0\.1:(\d+)", kubeconfig).group(1)
    path = os.path.join(os.environ["LOCAL_STANDIN_PORTS"], port)
    if not os.path.exists(path):
        sys.exit(1)
    with open(path) as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.exit(0)  # held: the API server listens
    sys.exit(1)
if "-f" in args:
    sys.stdin.read()
if any("Ready" in a for a in args):
    print("True", end="")
