#!/usr/bin/env bash
# Installs what the local deployment and its end-to-end test need, from package registries only:
# built from the Go module proxy and cached by version: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok (fake nodes); and, unless the
# user's own `pulumi` runs the stack (MESH_ENGINE=user, see scripts/local/lib.sh), the Pulumi CLI
# with its Node.js language host and the Kubernetes provider plug-in.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=scripts/toolchain/lib.sh
. "$here/lib.sh"
# shellcheck source=scripts/toolchain/engine.sh
. "$here/engine.sh"
choose_engine

command -v kubectl >/dev/null || { echo "kubectl is required (Debian: apt-get install kubectl)" >&2; exit 1; }

bash "$here/etcd.sh"
KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.32.5}" bash "$here/kubernetes.sh"
bash "$here/kwok.sh"
if [ "$MESH_ENGINE" = user ]; then
  echo "[toolchain] using $(command -v pulumi) ($(pulumi version)); plug-ins as it acquires them" >&2
  exit 0
fi
# The CLI's version follows the @pulumi/pulumi SDK the program is locked to.
sdk_version=$(node -p 'require("@pulumi/pulumi/package.json").version' 2>/dev/null || true)
PULUMI_VERSION="${PULUMI_VERSION:-${sdk_version:-3.248.0}}" bash "$here/pulumi.sh"
bash "$here/kubernetes-provider.sh"
