#!/usr/bin/env bash
# Installs what the local deployment and its end-to-end test need, from package registries only:
# etcd (Debian; needs root), then, built from the Go module proxy and cached by version:
# kube-apiserver, kube-controller-manager, kube-scheduler and kwok (fake nodes); and, unless the
# user's own `pulumi` runs the stack (MESH_ENGINE=user, see scripts/local/lib.sh), the Pulumi CLI
# with its Node.js language host and the Kubernetes provider plug-in.
set -euo pipefail
here=$(dirname "$0")

if ! command -v etcd >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "etcd is required: sudo apt-get install etcd-server" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
fi
command -v kubectl >/dev/null || { echo "kubectl is required (Debian: apt-get install kubectl)" >&2; exit 1; }

KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.32.5}" bash "$here/kubernetes.sh"
bash "$here/kwok.sh"
if [ "${MESH_ENGINE:-toolchain}" = user ]; then
  echo "[toolchain] using $(command -v pulumi) ($(pulumi version)); plug-ins as it acquires them" >&2
  exit 0
fi
# The CLI's version follows the @pulumi/pulumi SDK the program is locked to.
sdk_version=$(node -p 'require("@pulumi/pulumi/package.json").version' 2>/dev/null || true)
PULUMI_VERSION="${PULUMI_VERSION:-${sdk_version:-3.248.0}}" bash "$here/pulumi.sh"
bash "$here/kubernetes-provider.sh"
