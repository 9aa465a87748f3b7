#!/usr/bin/env bash
# Installs what the local deployment and its end-to-end test need, from package registries only:
# built from the Go module proxy and cached by version: etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler and kwok (fake nodes); and, unless the
# user's own `pulumi` runs the stack (MESH_ENGINE=user, see devtools/local/lib.sh), the Pulumi CLI
# with its Node.js language host and the Kubernetes provider plug-in.
#
# It first asks every step whether its tool is cached; when something must be built, it checks
# the disk (a build from scratch needs BUILD_DISK_GB free), then builds step by step with its
# progress on the terminal (progress.sh) and the Go commands' output in build.log, and at the
# end removes the Go caches the build used.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=devtools/toolchain/lib.sh
. "$here/lib.sh"
# shellcheck source=devtools/toolchain/engine.sh
. "$here/engine.sh"
# shellcheck source=devtools/toolchain/progress.sh
. "$here/progress.sh"
choose_engine

command -v kubectl >/dev/null || { echo "kubectl is required (Debian: apt-get install kubectl)" >&2; exit 1; }

# Measured after a build of all five from scratch (Go 1.26, Kubernetes provider v4): Go build
# cache 9.1 GB, Go modules 3.3 GB, the tools 0.9 GB; the linker's temporary files come on top.
BUILD_DISK_GB=15
BUILD_DISK_PARTS="Go build cache about 9 GB, Go modules 3.3 GB, the tools 0.9 GB"

# disk_room: fails early, with the figures and the place, when the file system of the tools cache
# (where the builds keep their Go caches too) has less room than a build from scratch takes.
disk_room() {
  [ "${MESH_SKIP_DISK_CHECK:-}" != true ] || return 0
  local fs free mount free_gb
  { read -r _ && read -r fs _ _ free _ mount; } < <(df -Pk "$TOOLS_HOME")
  free_gb=$((free / 1024 / 1024))
  if [ "$free_gb" -lt "$BUILD_DISK_GB" ]; then
    log "ERROR: building the tools needs about $BUILD_DISK_GB GB free in $TOOLS_HOME ($BUILD_DISK_PARTS), but $mount ($fs) has $free_gb GB free."
    log "Free some space there, or set MESH_TOOLS_HOME to a directory on a disk with room (MESH_SKIP_DISK_CHECK=true skips this check)."
    exit 1
  fi
  log "disk: $free_gb GB free on $mount; a build from scratch needs about $BUILD_DISK_GB GB ($BUILD_DISK_PARTS), freed again at the end"
}

# describe SCRIPT: what a step builds, when its cache name does not say it.
describe() {
  case "$1" in
    kubernetes.sh) echo ": kube-apiserver, kube-controller-manager, kube-scheduler" ;;
    pulumi.sh) echo ": the Pulumi CLI and its Node.js language host" ;;
    kubernetes-provider.sh) echo ": the Kubernetes provider plug-in" ;;
  esac
}

# The API servers stand in for GKE and the bare-metal cluster, so their minor must be one
# Cloud Service Mesh 1.29 supports (1.33-1.35, scripts/mesh/preflight.sh refuses others).
export KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.34.4}"
steps=(etcd.sh kubernetes.sh kwok.sh)
if [ "$MESH_ENGINE" = toolchain ]; then
  # The CLI's version follows the @pulumi/pulumi SDK the program is locked to.
  sdk_version=$(node -p 'require("@pulumi/pulumi/package.json").version' 2>/dev/null || true)
  export PULUMI_VERSION="${PULUMI_VERSION:-${sdk_version:-3.248.0}}"
  steps+=(pulumi.sh kubernetes-provider.sh)
fi

build_lock
: >"$BUILD_LOG"

# The plan: each step run with MESH_TOOLCHAIN_PLAN either finds its tool cached (and links it)
# or records what it would build and stops (lib.sh, cached).
plan="$TOOLS_HOME/.plan"
: >"$plan"
for script in "${steps[@]}"; do
  MESH_TOOLCHAIN_PLAN="$plan" bash "$here/$script" >>"$BUILD_LOG" 2>&1 || echo "$script ? ?" >>"$plan"
done
to_build=()
while read -r script name version; do to_build+=("$script $name $version"); done <"$plan"
rm -f "$plan"

if [ "${#to_build[@]}" -eq 0 ]; then
  log "all ${#steps[@]} tools cached in $TOOLS_HOME"
else
  total=0
  for entry in "${to_build[@]}"; do
    read -r script _ _ <<<"$entry"
    seconds=$(last_duration "step $script")
    total=$((total + ${seconds:-0}))
  done
  if [ "$total" -gt 0 ]; then estimate="last time $(human "$total")"; else estimate="all five take about 22 min on 2 cores"; fi
  log "${#to_build[@]} of ${#steps[@]} tools to build from the Go module proxy ($estimate); the Go commands' output goes to $BUILD_LOG"
  disk_room
  started=$SECONDS
  n=0
  for entry in "${to_build[@]}"; do
    read -r script name version <<<"$entry"
    n=$((n + 1))
    run_step "$n/${#to_build[@]} $name $version$(describe "$script")" "step $script" bash "$here/$script"
  done
  log "built ${#to_build[@]} tools in $(human $((SECONDS - started))); their output: $BUILD_LOG"
  go_caches_clean
fi

if [ "$MESH_ENGINE" = user ]; then
  echo "[toolchain] using $(command -v pulumi) ($(pulumi version)); plug-ins as it acquires them" >&2
fi
