#!/usr/bin/env bash
# Cloud Service Mesh (in-cluster control plane) on one cluster with asmcli, one revision.
#   create: done only when istiod of ASM_REVISION has every replica ready and its injection
#           webhook exists; anything less (no istiod, a half-finished install) re-runs
#           `asmcli install --revision_name ASM_REVISION` in a fresh output directory (re-runs in
#           an old one fail on `ln: ./istioctl: File exists`) and waits, re-reading the cluster,
#           until the revision is ready. Other revisions are left running: moving workloads to
#           the new one and removing the old is revision-canary.sh's job.
#           The istioctl of the installed release is kept in MESH_TOOLS_CACHE (scripts/mesh/lib.sh).
#   delete: `istioctl uninstall --revision ASM_REVISION` with that release's istioctl, then waits
#           until istiod of the revision is gone; a cluster without it is done.
#
# Environment:
#   KUBECONFIG_DATA      (secret) kubeconfig of the cluster.
#   ASM_PLATFORM         gke | multicloud (a cluster outside GCP).
#   ASM_REVISION         the revision name, e.g. asm-1290-1; the same value labels the
#                        namespaces and the gateway (asmcli --revision_name).
#   ASM_FLEET_ID         fleet host project (create).
#   ASM_CA               mesh_ca | citadel | gcp_cas | managed_cas (create).
#   ASMCLI_VERSION       release line of asmcli to download, `1.<minor>`, minor >= 29 (create).
#   ASM_NETWORK_ID       mesh network (asmcli --network_id); required for multicloud, where asmcli
#                        would otherwise write `default`; on gke, when set, it must be
#                        <project>-<VPC name>, the name asmcli gives a GKE network whatever it is
#                        told. Checked against istio-system's topology.istio.io/network label
#                        after the install.
#   ASM_PROJECT_ID, ASM_CLUSTER_NAME, ASM_CLUSTER_LOCATION   for gke.
#   ASMCLI               (optional) an asmcli on disk instead of downloading ASMCLI_VERSION.
#   ASM_MIN_MINOR        (optional) oldest supported minor. @default 29
#   MESH_ISTIOCTL, MESH_TOOLS_CACHE, ASM_RELEASE_URL, MESH_WAIT_SECONDS, POLL_SECONDS: lib.sh.
# Prints: {"revision","release","asmcliVersion","network","istioctl"}.
# References: asmcli (GoogleCloudPlatform/anthos-service-mesh-packages, asmcli/lib/parse.sh
# --revision_name/--network_id/--output_dir, lib/util.sh init REVISION_LABEL and istioctl_path,
# version_message `1.29.0-asm.1+config1`).
SCRIPT_NAME=asm-install
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=scripts/mesh/lib.sh
. "$(dirname "$0")/lib.sh"
require KUBECONFIG_DATA ASM_PLATFORM ASM_REVISION
check_revision_name "$ASM_REVISION"
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG

check_inputs() {
  require ASM_FLEET_ID ASM_CA ASMCLI_VERSION
  [[ "$ASMCLI_VERSION" =~ ^1\.([0-9]+)$ ]] || fail "ASMCLI_VERSION '$ASMCLI_VERSION' is not a release line; use e.g. 1.29"
  local minor=${BASH_REMATCH[1]}
  [ "$minor" -ge "${ASM_MIN_MINOR:-29}" ] ||
    fail "ASMCLI_VERSION $ASMCLI_VERSION is out of support; use 1.${ASM_MIN_MINOR:-29} or newer (Cloud Service Mesh supports the last three minors)"
  case "$ASM_PLATFORM" in
    gke) require ASM_PROJECT_ID ASM_CLUSTER_NAME ASM_CLUSTER_LOCATION
      # asmcli lib/util.sh populate_cluster_values: on GKE the network is always <project>-<vpc>.
      case "${ASM_NETWORK_ID:-}" in "" | "$ASM_PROJECT_ID"-?*) ;; *)
        fail "ASM_NETWORK_ID '$ASM_NETWORK_ID' cannot be a GKE cluster's mesh network: asmcli names it $ASM_PROJECT_ID-<VPC name>; use that as the cluster's mesh network" ;;
      esac ;;
    multicloud) [ -n "${ASM_NETWORK_ID:-}" ] || fail "ASM_NETWORK_ID is required for multicloud: without it asmcli labels the cluster's network 'default'" ;;
    *) fail "ASM_PLATFORM must be gke or multicloud, not '$ASM_PLATFORM'" ;;
  esac
}

fetch_asmcli() {
  if [ -n "${ASMCLI:-}" ]; then printf '%s' "$ASMCLI"; return; fi
  local file="$WORK_DIR/asmcli"
  curl -fsSL "https://storage.googleapis.com/csm-artifacts/asm/asmcli_${ASMCLI_VERSION}" -o "$file" ||
    fail "could not download asmcli_${ASMCLI_VERSION}; check that the release line exists"
  chmod 700 "$file"
  printf '%s' "$file"
}

# asmcli_version ASMCLI: what `asmcli --version` prints; it must be on ASMCLI_VERSION's line.
asmcli_version() {
  local version
  version=$("$1" --version 2>/dev/null | tail -n 1)
  [[ "$version" =~ ^${ASMCLI_VERSION//./\\.}\.[0-9]+-asm\.[0-9]+\+config[0-9]+$ ]] ||
    fail "asmcli reports version '$version', not a ${ASMCLI_VERSION}.x release (expected e.g. ${ASMCLI_VERSION}.0-asm.1+config1)"
  printf '%s' "$version"
}

network_label() {
  kubectl get namespace "$ISTIO_SYSTEM" -o json 2>/dev/null | jq -r '.metadata.labels["topology.istio.io/network"] // ""'
}

result() {
  jq -cn --arg revision "$ASM_REVISION" --arg release "$1" --arg version "$2" --arg network "$(network_label)" --arg istioctl "$3" \
    '{revision: $revision, release: $release, asmcliVersion: $version, network: $network, istioctl: $istioctl}'
}

run_asmcli() {
  local asmcli=$1 out="$WORK_DIR/asm_output"
  local args=(install --fleet_id "$ASM_FLEET_ID" --output_dir "$out" --enable_all --ca "$ASM_CA" --revision_name "$ASM_REVISION")
  [ -z "${ASM_NETWORK_ID:-}" ] || args+=(--network_id "$ASM_NETWORK_ID")
  case "$ASM_PLATFORM" in
    gke) args+=(--project_id "$ASM_PROJECT_ID" --cluster_name "$ASM_CLUSTER_NAME" --cluster_location "$ASM_CLUSTER_LOCATION") ;;
    multicloud) args+=(--platform multicloud --kubeconfig "$KUBECONFIG") ;;
  esac
  log "asmcli ${args[*]}"
  mkdir -p "$out"
  "$asmcli" "${args[@]}" >&2 || fail "asmcli install of revision $ASM_REVISION failed (its output is above)"
}

create() {
  check_inputs
  local asmcli version release istioctl
  asmcli=$(fetch_asmcli)
  version=$(asmcli_version "$asmcli")
  release=$(grep -oE "^$RELEASE_PATTERN" <<<"$version")
  if revision_ready "$ASM_REVISION"; then
    log "istiod-$ASM_REVISION is ready: nothing to install"
    release=$(release_of_revision "$ASM_REVISION")
  else
    [ -z "$(istiod_json "$ASM_REVISION")" ] || log "istiod-$ASM_REVISION exists but is not ready (a half-finished install): installing again"
    run_asmcli "$asmcli"
    # asmcli keeps istioctl only in its output directory, which this script removes on exit.
    [ -x "$WORK_DIR/asm_output/istio-$release/bin/istioctl" ] || fail "asmcli left no istio-$release/bin/istioctl in its output directory"
    keep_istioctl "$release" "$WORK_DIR/asm_output/istio-$release/bin/istioctl" >/dev/null
    wait_until "istiod-$ASM_REVISION to be ready (kubectl -n $ISTIO_SYSTEM describe deployment istiod-$ASM_REVISION)" "$MESH_WAIT_SECONDS" revision_ready "$ASM_REVISION"
  fi
  if [ -n "${ASM_NETWORK_ID:-}" ] && [ "$(network_label)" != "$ASM_NETWORK_ID" ]; then
    fail "namespace $ISTIO_SYSTEM is labelled topology.istio.io/network=$(network_label), not $ASM_NETWORK_ID: sidecars and the gateway would disagree; relabel it (kubectl label ns $ISTIO_SYSTEM topology.istio.io/network=$ASM_NETWORK_ID --overwrite) and restart istiod"
  fi
  istioctl=$(istioctl_for_revision "$ASM_REVISION")
  result "$release" "$version" "$istioctl"
}

delete() {
  if revision_gone "$ASM_REVISION"; then log "no istiod-$ASM_REVISION: nothing to remove"; return; fi
  local istioctl
  istioctl=$(istioctl_for_revision "$ASM_REVISION")
  "$istioctl" uninstall -y --revision "$ASM_REVISION" >&2 || fail "istioctl uninstall --revision $ASM_REVISION failed (its output is above)"
  wait_until "istiod-$ASM_REVISION to be removed" "$MESH_WAIT_SECONDS" revision_gone "$ASM_REVISION"
}

dispatch "$@"
