#!/usr/bin/env bash
# Installs everything the real-engine runs need, from package registries only: etcd (Debian),
# then the Pulumi CLI with its Node.js language host, kube-apiserver + kube-controller-manager
# and the Kubernetes provider plug-in (built from the Go module proxy, cached by version).
set -euo pipefail
here=$(dirname "$0")

if ! command -v etcd >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
  fi
fi
command -v kubectl >/dev/null || { echo "kubectl is required (Debian: apt-get install kubectl)" >&2; exit 1; }

# The CLI's version follows the @pulumi/pulumi SDK the program is locked to.
sdk_version=$(node -p 'require("@pulumi/pulumi/package.json").version' 2>/dev/null || true)
PULUMI_VERSION="${PULUMI_VERSION:-${sdk_version:-3.248.0}}" bash "$here/pulumi.sh"
KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.32.5}" bash "$here/kubernetes.sh"
bash "$here/kubernetes-provider.sh"
