#!/usr/bin/env bash
# Helpers the mesh scripts share: the readiness of a revision's control plane, the release it
# runs, and the istioctl of that release (kept in a cache by release, downloaded when absent).
# Sourced after scripts/lib/common.sh (log, fail, require, wait_until, WORK_DIR).
#
# Environment (all optional):
#   MESH_ISTIOCTL        an istioctl to use as-is instead of the revision's own (tests, offline).
#   MESH_TOOLS_CACHE     where istioctl is kept by release.
#                        @default ${XDG_CACHE_HOME:-$HOME/.cache}/multicloud-mesh/istioctl
#   ASM_RELEASE_URL      where asmcli downloads releases from (asmcli lib/util.sh download_asm).
#                        @default https://storage.googleapis.com/gke-release/asm
#   MESH_WAIT_SECONDS    how long a wait re-reads the cluster before it gives up. @default 600
#   POLL_SECONDS         seconds between two reads. @default 10

ISTIO_SYSTEM=istio-system
MESH_TOOLS_CACHE="${MESH_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/multicloud-mesh/istioctl}"
MESH_WAIT_SECONDS="${MESH_WAIT_SECONDS:-600}"
# A DNS-1123 label, as asmcli lib/validate.sh checks REVISION_LABEL.
REVISION_PATTERN='^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'
# The release part of a version: asmcli prints `1.29.0-asm.1+config1`, images are tagged
# `1.29.0-asm.1` (optionally `-distroless`).
RELEASE_PATTERN='[0-9]+\.[0-9]+\.[0-9]+-asm\.[0-9]+'

# istiod_json REV: the revision's istiod Deployment, or nothing when it does not exist.
istiod_json() {
  kubectl -n "$ISTIO_SYSTEM" get deployment "istiod-$1" -o json 2>/dev/null || true
}

# revision_ready REV: istiod of REV has every replica ready and its injection webhook exists.
# A half-finished install (istiod pending, crash-looping, or no webhook) is not ready. The
# webhook name is istio-discovery's `istio-sidecar-injector-<revision>` (istio/istio manifests).
revision_ready() {
  local deployment
  deployment=$(istiod_json "$1")
  [ -n "$deployment" ] || return 1
  jq -e '(.status.readyReplicas // 0) >= 1 and (.status.readyReplicas // 0) >= (.spec.replicas // 1)' <<<"$deployment" >/dev/null || return 1
  kubectl get mutatingwebhookconfiguration "istio-sidecar-injector-$1" -o name >/dev/null 2>&1
}

# revision_gone REV: no istiod Deployment of REV is left.
revision_gone() {
  [ -z "$(istiod_json "$1")" ]
}

# running_revisions: every revision with an istiod in istio-system, one a line.
running_revisions() {
  kubectl -n "$ISTIO_SYSTEM" get deployment -l app=istiod -o json |
    jq -r '.items[].metadata.labels["istio.io/rev"] // empty' | sort -u
}

# release_of_revision REV: the release istiod of REV runs, read from its image tag.
release_of_revision() {
  local image release
  image=$(istiod_json "$1" | jq -r '.spec.template.spec.containers[0].image // empty')
  release=$(grep -oE "$RELEASE_PATTERN" <<<"$image" | head -n 1 || true)
  [ -n "$release" ] || fail "cannot tell the release of istiod-$1 from its image '${image:-none}'; set MESH_ISTIOCTL to that release's istioctl"
  printf '%s' "$release"
}

# cached_istioctl RELEASE: the path where the istioctl of RELEASE is kept.
cached_istioctl() {
  printf '%s/%s/istioctl' "$MESH_TOOLS_CACHE" "$1"
}

# keep_istioctl RELEASE FILE: stores FILE as the istioctl of RELEASE and prints its path.
keep_istioctl() {
  local dest
  dest=$(cached_istioctl "$1")
  mkdir -p "$(dirname "$dest")"
  cp "$2" "$dest.tmp.$$"
  chmod 700 "$dest.tmp.$$"
  mv -f "$dest.tmp.$$" "$dest"
  printf '%s' "$dest"
}

# istioctl_for_release RELEASE: prints the istioctl of RELEASE, downloading the release's
# tarball the way asmcli does when the cache does not hold it.
istioctl_for_release() {
  local release=$1 cached tarball
  cached=$(cached_istioctl "$release")
  if [ -x "$cached" ]; then printf '%s' "$cached"; return; fi
  tarball="$WORK_DIR/istio-$release.tar.gz"
  log "downloading istioctl $release"
  curl -fsSL "${ASM_RELEASE_URL:-https://storage.googleapis.com/gke-release/asm}/istio-$release-linux-amd64.tar.gz" -o "$tarball" ||
    fail "could not download istio-$release-linux-amd64.tar.gz; set MESH_ISTIOCTL to that release's istioctl"
  tar -xzf "$tarball" -C "$WORK_DIR" "istio-$release/bin/istioctl" || fail "istio-$release-linux-amd64.tar.gz holds no istio-$release/bin/istioctl"
  keep_istioctl "$release" "$WORK_DIR/istio-$release/bin/istioctl"
}

# istioctl_for_revision REV: MESH_ISTIOCTL when set, otherwise the istioctl of the release that
# REV runs: one binary per release, whatever is on PATH.
istioctl_for_revision() {
  if [ -n "${MESH_ISTIOCTL:-}" ]; then printf '%s' "$MESH_ISTIOCTL"; return; fi
  istioctl_for_release "$(release_of_revision "$1")"
}

# check_revision_name REV: fails unless REV is a label asmcli and Kubernetes accept.
check_revision_name() {
  [[ "$1" =~ $REVISION_PATTERN ]] ||
    fail "revision '$1' is not a DNS-1123 label; use lower-case letters, digits and '-', e.g. asm-1290-1"
}
