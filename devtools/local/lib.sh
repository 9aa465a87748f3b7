#!/usr/bin/env bash
# Shared by the local deployment and its end-to-end test: where the local clusters, the file
# backend and the stack's config live, and the environment the Pulumi engine runs in.
# Nothing here touches a cloud.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MESH_LOCAL_HOME="${MESH_LOCAL_HOME:-${XDG_STATE_HOME:-$HOME/.local/state}/multicloud-mesh}"
export LOCAL_CLUSTERS_HOME="$MESH_LOCAL_HOME/clusters"
TOOLS_BIN="${MESH_TOOLS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/multicloud-mesh-tools}/bin"
# The stack's config (with its encrypted kubeconfigs) stays out of the work tree.
LOCAL_STACK_CONFIG="$MESH_LOCAL_HOME/Pulumi.local.yaml"
LOCAL_CLUSTERS=(east west)

# The engine: the user's own `pulumi` when one is on PATH (plugins acquired as usual, so the
# Kubernetes provider that @pulumi/kubernetes pins), else "toolchain": the CLI and provider
# that devtools/toolchain builds from the Go module proxy. MESH_ENGINE=toolchain forces the latter.
# shellcheck source=devtools/toolchain/engine.sh
. "$REPO_ROOT/devtools/toolchain/engine.sh"
choose_engine || exit 1
# devtools/local/bin: the fallback policy analyzer (`pulumi-analyzer-policy-nodejs`).
export PATH="$REPO_ROOT/devtools/local/bin:$REPO_ROOT/node_modules/@pulumi/pulumi:$PATH"
if [ "$MESH_ENGINE" = toolchain ]; then
  export PATH="$TOOLS_BIN:$PATH"
  # Only the plug-ins built here exist; a miss fails at once instead of trying a download.
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
fi
export PULUMI_BACKEND_URL="file://$MESH_LOCAL_HOME/backend"
export PULUMI_CONFIG_PASSPHRASE_FILE="$MESH_LOCAL_HOME/passphrase"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_SKIP_CONFIRMATIONS=true
unset PULUMI_CONFIG_PASSPHRASE

local_log() { printf '[local] %s\n' "$*" >&2; }

# local_pulumi ARGS...: pulumi on the local stack and its out-of-tree config.
local_pulumi() {
  (cd "$REPO_ROOT" && pulumi --non-interactive "$@" --stack local --config-file "$LOCAL_STACK_CONFIG")
}

# local_kubeconfig NAME: the admin kubeconfig of local cluster NAME.
local_kubeconfig() { printf '%s/%s/kubeconfig' "$LOCAL_CLUSTERS_HOME" "$1"; }

# local_api_port INDEX: the API server's port of local cluster INDEX (1-9): 16443 ... 56443 for
# 1-5, 17443 ... 47443 for 6-9 (10000 * INDEX would leave the port range).
local_api_port() {
  if [ "$1" -le 5 ]; then echo $((6443 + 10000 * $1)); else echo $((7443 + 10000 * ($1 - 5))); fi
}

# local_cluster_ports INDEX: the loopback ports of local cluster INDEX, one "PART PORT" a line.
local_cluster_ports() {
  printf '%s %s\n' etcd $((2379 + 10 * $1)) etcd-peer $((2380 + 10 * $1)) kube-apiserver "$(local_api_port "$1")" \
    kube-controller-manager $((10257 + 10 * $1)) kube-scheduler $((10259 + 10 * $1)) kwok $((10360 + $1))
}

# local_port_holder PORT: says who listens on PORT (name, pid and, for a control-plane part, the
# cluster directory it serves) when ss may show it; fails when nothing listens there.
local_port_holder() {
  local line pid arg
  if command -v ss >/dev/null; then
    line=$(ss -Hltnp "sport = :$1" 2>/dev/null) || return 1
    [ -n "$line" ] || return 1
  else
    (: </dev/tcp/127.0.0.1/"$1") 2>/dev/null || return 1
  fi
  if [[ "$line" =~ users:\(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
    pid=${BASH_REMATCH[2]}
    printf '%s (pid %s)' "${BASH_REMATCH[1]}" "$pid"
    while IFS= read -r -d '' arg; do
      case "$arg" in */clusters/*/*)
        printf ' of the local cluster in %s' "${arg%/*}"
        break
        ;;
      esac
    done 2>/dev/null <"/proc/$pid/cmdline" || true
  else
    printf 'another process'
  fi
}

# local_ports_in_use: the ports of the local clusters that something listens on, one a line with
# its holder; fails when all are free.
local_ports_in_use() {
  local i=1 name part port holder found=1
  for name in "${LOCAL_CLUSTERS[@]}"; do
    while read -r part port; do
      if holder=$(local_port_holder "$port"); then
        printf '127.0.0.1:%s (%s of %s): %s\n' "$port" "$part" "$name" "$holder"
        found=0
      fi
    done < <(local_cluster_ports "$i")
    i=$((i + 1))
  done
  return "$found"
}

# local_clusters_up: starts both control planes.
local_clusters_up() {
  local i=1 name
  for name in "${LOCAL_CLUSTERS[@]}"; do
    bash "$REPO_ROOT/devtools/local/control-plane.sh" up "$name" "$i"
    i=$((i + 1))
  done
}

local_clusters_down() {
  local name
  for name in "${LOCAL_CLUSTERS[@]}"; do
    bash "$REPO_ROOT/devtools/local/control-plane.sh" down "$name"
  done
}

# local_stack_init: the file backend, a random passphrase, the stack, and the kubeconfig secrets.
local_stack_init() {
  mkdir -p "$MESH_LOCAL_HOME/backend"
  if [ ! -s "$PULUMI_CONFIG_PASSPHRASE_FILE" ]; then
    (umask 077 && openssl rand -hex 32 >"$PULUMI_CONFIG_PASSPHRASE_FILE")
  fi
  if ! (cd "$REPO_ROOT" && pulumi --non-interactive stack ls --json | grep -q '"name": "local"'); then
    # `stack init` writes the passphrase salt into Pulumi.<stack>.yaml: let it write into a
    # scratch project of the same name, not into the committed file.
    local scratch
    scratch=$(mktemp -d)
    cp "$REPO_ROOT/Pulumi.yaml" "$scratch/"
    (cd "$scratch" && pulumi --non-interactive stack init local --secrets-provider passphrase --no-select >/dev/null)
    { cat "$REPO_ROOT/Pulumi.local.yaml" && grep '^encryptionsalt:' "$scratch/Pulumi.local.yaml"; } >"$LOCAL_STACK_CONFIG"
    rm -rf "$scratch"
  fi
  local name
  for name in "${LOCAL_CLUSTERS[@]}"; do
    local_pulumi config set --secret "${name}Kubeconfig" <"$(local_kubeconfig "$name")"
  done
}
