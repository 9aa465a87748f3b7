#!/usr/bin/env bash
# Helpers the mesh scripts share: the readiness of a revision's control plane, the release it
# runs, which stack owns it, and the istioctl of that release (kept in a cache by release,
# downloaded when absent, its tarball's signature checked first).
# Sourced after scripts/lib/common.sh (log, fail, require, wait_until, WORK_DIR).
#
# Environment (all optional):
#   MESH_ISTIOCTL        an istioctl to use as-is instead of the revision's own (tests, offline).
#   MESH_TOOLS_CACHE     where istioctl is kept by release.
#                        @default ${XDG_CACHE_HOME:-$HOME/.cache}/multicloud-mesh/istioctl
#   ASM_RELEASE_URL      where asmcli downloads releases from (asmcli lib/util.sh download_asm).
#                        @default https://storage.googleapis.com/gke-release/asm
#   ASM_RELEASE_PUBLIC_KEY  PEM public key the release tarballs are signed with.
#                        @default Google's key, as the Cloud Service Mesh docs print it
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
# Who installed a revision: istiod-<rev> carries this annotation, `<project>/<stack>`.
MESH_OWNER_ANNOTATION=multicloud-mesh/owner
# Google's key for Cloud Service Mesh release tarballs: each `<tarball>.1.sig` is an ECDSA
# signature over it (docs.cloud.google.com/service-mesh, "Download the installation file",
# `openssl dgst -verify`; asmcli's own download_asm checks nothing).
GOOGLE_RELEASE_KEY='-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEWZrGCUaJJr1H8a36sG4UUoXvlXvZ
wQfk16sxprI2gOJ2vFFggdq3ixF2h4qNBt0kI7ciDhgpwS8t+/960IsIgw==
-----END PUBLIC KEY-----'

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

# owner_claim REV: the ConfigMap in istio-system by which a stack claims REV before its install
# creates istiod-REV, so that a run killed half-way still knows the half-made istiod is its own.
owner_claim() { printf 'multicloud-mesh-owner-%s' "$1"; }

# revision_owner REV: the `<project>/<stack>` that installed (or adopted) REV: istiod's mark, else
# the claim a stack made before installing; nothing for a control plane no stack installed.
revision_owner() {
  local owner
  owner=$(istiod_json "$1" | jq -r --arg k "$MESH_OWNER_ANNOTATION" '(.metadata.annotations // {})[$k] // empty')
  [ -n "$owner" ] || owner=$(kubectl -n "$ISTIO_SYSTEM" get configmap "$(owner_claim "$1")" -o json --ignore-not-found | jq -r '.data.owner // empty')
  printf '%s' "$owner"
}

# claim_revision REV OWNER: records OWNER as REV's installer before istiod exists.
claim_revision() {
  [ -n "$(kubectl -n "$ISTIO_SYSTEM" get configmap "$(owner_claim "$1")" -o name --ignore-not-found)" ] ||
    kubectl -n "$ISTIO_SYSTEM" create configmap "$(owner_claim "$1")" "--from-literal=owner=$2" >&2
}

# mark_revision REV OWNER: marks istiod-REV as OWNER's; the claim is then no longer needed.
mark_revision() {
  kubectl -n "$ISTIO_SYSTEM" annotate deployment "istiod-$1" "$MESH_OWNER_ANNOTATION=$2" --overwrite >&2
  kubectl -n "$ISTIO_SYSTEM" delete configmap "$(owner_claim "$1")" --ignore-not-found >&2
}

# download URL FILE: fetches URL to FILE or fails naming it.
download() {
  curl -fsSL "$1" -o "$2" || fail "could not download $(basename "$1") ($1)"
}

# verify_sha256 FILE NAME URL: FILE (downloaded from URL as NAME) must match NAME.sha256, published beside it
# at URL.sha256 (anthos-service-mesh-packages scripts/release-asm/common.sh write_and_upload:
# `sha256sum` lines for the file under each of its names).
verify_sha256() {
  local file=$1 name=$2 url=$3 sums="$WORK_DIR/$2.sha256" want got
  curl -fsSL "$url.sha256" -o "$sums" || fail "no published checksum for $name ($url.sha256 could not be read): refusing to run it unverified"
  want=$(awk -v n="$name" '$2 == n || $2 == "*" n { print $1; exit }' "$sums")
  [ -n "$want" ] || fail "$name.sha256 lists no checksum for $name: refusing to run it unverified"
  got=$(sha256sum "$file" | awk '{ print $1 }')
  [ "$got" = "$want" ] || fail "$name does not match its published checksum ($name.sha256 says $want, the download is $got): refusing to run it"
}

# verified_release_tarball RELEASE: downloads istio-RELEASE-linux-amd64.tar.gz and its .1.sig,
# checks the signature against ASM_RELEASE_PUBLIC_KEY and prints the tarball's path.
verified_release_tarball() {
  local name="istio-$1-linux-amd64.tar.gz" base="${ASM_RELEASE_URL:-https://storage.googleapis.com/gke-release/asm}" key="$WORK_DIR/release-key.pem"
  command -v openssl >/dev/null || fail "openssl is required to check the signature of $name"
  log "downloading $name"
  download "$base/$name" "$WORK_DIR/$name"
  curl -fsSL "$base/$name.1.sig" -o "$WORK_DIR/$name.1.sig" || fail "no published signature for $name ($base/$name.1.sig could not be read): refusing to use it unverified"
  printf '%s\n' "${ASM_RELEASE_PUBLIC_KEY:-$GOOGLE_RELEASE_KEY}" >"$key"
  openssl dgst -sha256 -verify "$key" -signature "$WORK_DIR/$name.1.sig" "$WORK_DIR/$name" >/dev/null 2>&1 ||
    fail "$name does not verify against its signature $name.1.sig and Google's release key: refusing to use it"
  printf '%s' "$WORK_DIR/$name"
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
# tarball (its signature checked) when the cache does not hold it.
istioctl_for_release() {
  local release=$1 cached tarball
  cached=$(cached_istioctl "$release")
  if [ -x "$cached" ]; then printf '%s' "$cached"; return; fi
  tarball=$(verified_release_tarball "$release")
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
