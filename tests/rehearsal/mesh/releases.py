#!/usr/bin/env python3
"""Cloud Service Mesh releases for a rehearsal run, published the way Google publishes them, so that
scripts/mesh/asm-install.sh downloads and verifies them as it does against the real buckets:

  asmcli_<version, + as -> and <that>.sha256   the asmcli build (this directory's stand-in reporting <version>),
      its checksum listed under both names (anthos-service-mesh-packages scripts/release-asm/common.sh
      write_and_upload, upload);
  istio-<release>-linux-amd64.tar.gz and <that>.1.sig   the release's tarball (istio-<release>/bin/istioctl: this
      directory's istioctl bound to that release) and its ECDSA P-256 signature over SHA-256 (Cloud Service Mesh
      docs "Download the installation file", `openssl dgst -sha256 -verify`), made with a key of the run's own
      (release-key.pem beside them) instead of Google's.

  releases.py publish <dir> <version>...   publishes each asmcli version (as `asmcli --version` prints it,
      e.g. 1.29.0-asm.1+config1) into <dir> and prints the environment asm-install.sh reads:
      {"ASMCLI_URL", "ASM_RELEASE_URL", "ASM_RELEASE_PUBLIC_KEY"}.
"""
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def istioctl_wrapper(release):
    """The istioctl of `release` for the rehearsal: this directory's istioctl.py bound to that release."""
    return (f'#!/usr/bin/env bash\n# istioctl {release} for the rehearsal (tests/rehearsal/mesh/istioctl.py).\n'
            f'MESH_ISTIOCTL_RELEASE={release} exec "${{PYTHON:-python3}}" "{os.path.join(HERE, "istioctl.py")}" "$@"\n')


def asmcli_build(version):
    """The asmcli build of `version`: this directory's asmcli.py, reporting that version."""
    return (f'#!/usr/bin/env bash\n# asmcli {version} for the rehearsal (tests/rehearsal/mesh/asmcli.py).\n'
            f'REHEARSAL_ASM_VERSION={version} exec "${{PYTHON:-python3}}" "{os.path.join(HERE, "asmcli.py")}" "$@"\n')


def openssl(*args):
    result = subprocess.run(["openssl", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(f"openssl {' '.join(args)}: {result.stderr}")
        sys.exit(1)
    return result.stdout


def signing_key(directory):
    """The run's release key (created once) and its public half as PEM."""
    key = os.path.join(directory, "release-key.pem")
    if not os.path.exists(key):
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key)
    return key, openssl("ec", "-in", key, "-pubout")


def publish_asmcli(directory, version):
    name = f"asmcli_{version.replace('+', '-')}"
    content = asmcli_build(version).encode()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(content)
    os.chmod(os.path.join(directory, name), 0o755)
    digest = hashlib.sha256(content).hexdigest()
    with open(os.path.join(directory, name + ".sha256"), "w") as f:
        f.write(f"{digest}  asmcli\n{digest}  {name}\n")


def publish_release(directory, release, key):
    tarball = os.path.join(directory, f"istio-{release}-linux-amd64.tar.gz")
    content = istioctl_wrapper(release).encode()
    with tarfile.open(tarball, "w:gz") as tar:
        for folder in (f"istio-{release}", f"istio-{release}/bin"):
            info = tarfile.TarInfo(folder)
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            tar.addfile(info)
        info = tarfile.TarInfo(f"istio-{release}/bin/istioctl")
        info.size, info.mode = len(content), 0o755
        tar.addfile(info, io.BytesIO(content))
    openssl("dgst", "-sha256", "-sign", key, "-out", tarball + ".1.sig", tarball)


def publish(directory, versions):
    os.makedirs(directory, exist_ok=True)
    key, public = signing_key(directory)
    for version in versions:
        publish_asmcli(directory, version)
        publish_release(directory, version.split("+", 1)[0], key)
    url = "file://" + os.path.abspath(directory)
    return {"ASMCLI_URL": url, "ASM_RELEASE_URL": url, "ASM_RELEASE_PUBLIC_KEY": public}


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "publish":
        sys.stderr.write("usage: releases.py publish <dir> <asmcli version>...\n")
        sys.exit(2)
    print(json.dumps(publish(sys.argv[2], sys.argv[3:])))
