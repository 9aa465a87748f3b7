#!/usr/bin/env bash
# Cloud Service Mesh (in-cluster control plane) on one cluster with asmcli: one revision, one
# exact release, owned by one stack.
#   create: 1. who owns istiod of MESH_REVISION: nobody (no istiod) or this stack (its mark, or its
#              claim from a run that stopped half-way) go on; a control plane of that name that
#              no stack marked is adopted only with MESH_ADOPT_EXISTING=true; another stack's never.
#           2. a ready istiod must run the release ASM_RELEASE names (the revision's name must say
#              what runs); it is marked as this stack's and nothing is installed.
#           3. otherwise (no istiod, or a half-finished install): claims the revision, downloads
#              asmcli_<ASM_RELEASE> and checks it against its published .sha256 (or takes ASMCLI,
#              see below), checks that `asmcli --version` is ASM_RELEASE, downloads the release's
#              tarball and checks
#              Google's signature, lets asmcli fetch its kpt package (build-offline-package),
#              puts the verified release in its place, installs offline with only the --enable
#              flags below, and waits, re-reading the cluster, until the revision is ready; then
#              marks istiod. A fresh output directory each time (re-runs in an old one fail on
#              `ln: ./istioctl: File exists`). Other revisions are left running: moving workloads
#              and removing the old is revision-canary.sh's job, which removes only revisions
#              marked as this stack's.
#           4. the revision this command's previous run installed (its recorded output names it),
#              when it is another and nobody marked it (a stack from before owner marks), is
#              marked as this stack's too, so that the canary can remove it.
#           The istioctl of the installed release is kept in MESH_TOOLS_CACHE (scripts/mesh/lib.sh).
#   delete: only a revision this stack owns (its mark, or installed by this stack before marks
#           existed, as its previous output says): `istioctl uninstall --revision` with that
#           release's istioctl, waiting until istiod is gone. Istio's CRDs and base objects stay
#           (uninstall --revision never prunes them; deleting a CRD deletes every object of its
#           kind, the stack's or not). Anyone else's revision is left running.
#
# asmcli flags (asmcli lib/parse.sh, lib/checks.sh can_*, commands/validate.sh): --enable_gcp_apis
# (enables mesh.googleapis.com), --enable_gcp_components (initialises the meshconfig API; enables
# the fleet's servicemesh feature, a no-op when the stack already owns it; on GKE, Workload
# Identity and Cloud Operations when off), --enable_cluster_labels (the mesh_id label on the GKE
# cluster or the fleet membership), --enable_namespace_creation (istio-system when absent). Not
# --enable_all: it would also register the cluster again when it cannot see the in-cluster
# membership (--enable_registration), bind the caller to cluster-admin (--enable_cluster_roles)
# and grant project IAM roles (--enable_gcp_iam_roles).
#
# Environment:
#   KUBECONFIG_DATA      (secret) kubeconfig of the cluster.
#   ASM_PLATFORM         gke | multicloud (a cluster outside GCP).
#   MESH_REVISION        the revision name, e.g. asm-1290-1; the same value labels the
#                        namespaces and the gateway (asmcli --revision_name); it must name ASM_RELEASE.
#                        (A delete with the environment of a state recorded before every script
#                        called it MESH_REVISION reads it from ASM_REVISION.)
#   ASM_RELEASE          the asmcli build to run, as `asmcli --version` prints it, e.g.
#                        1.29.0-asm.1+config1 (create).
#   ASM_FLEET_ID         fleet host project (create).
#   ASM_CA               mesh_ca | citadel | gcp_cas | managed_cas (create).
#   ASM_NETWORK_ID       mesh network (asmcli --network_id); required for multicloud, where asmcli
#                        would otherwise write `default`; on gke, when set, it must be
#                        <project>-<VPC name>, the name asmcli gives a GKE network whatever it is
#                        told. Checked against istio-system's topology.istio.io/network label
#                        after the install.
#   ASM_PROJECT_ID, ASM_CLUSTER_NAME, ASM_CLUSTER_LOCATION   for gke.
#   MESH_OWNER           `<project>/<stack>`, the mark this stack puts on what it installs (create).
#   MESH_ADOPT_EXISTING  (optional) true: take over an unmarked control plane of MESH_REVISION. @default false
#   ASMCLI               (optional) the path of an asmcli you obtained and verified yourself (a
#                        reviewed copy, an offline mirror): used as it is, instead of downloading
#                        asmcli_<ASM_RELEASE> and checking its published .sha256. It must still be
#                        exactly that build: its `asmcli --version` must print ASM_RELEASE, so a new
#                        mesh.release needs a new ASMCLI. The release's tarball is downloaded and its
#                        signature checked either way.
#   ASMCLI_URL           (optional) where asmcli builds and their .sha256 are published (a file://
#                        mirror works). @default https://storage.googleapis.com/csm-artifacts/asm
#   ASM_MIN_MINOR        (optional) oldest supported minor. @default 29
#   MESH_ISTIOCTL, MESH_TOOLS_CACHE, ASM_RELEASE_URL, ASM_RELEASE_PUBLIC_KEY, MESH_WAIT_SECONDS,
#   POLL_SECONDS: lib.sh.
# Prints: {"revision","release","asmcliVersion","network","istioctl","clusterId","owner"}.
# References: asmcli (GoogleCloudPlatform/anthos-service-mesh-packages, staging-1.29: asmcli/lib/
# parse.sh --revision_name/--network_id/--output_dir/--offline, lib/util.sh init REVISION_LABEL,
# prepare_environment (offline: no download), download_asm (tarball unchecked), version_message
# `1.29.0-asm.1+config1`; scripts/release-asm/common.sh: `asmcli_<version, + as ->` and its .sha256).
SCRIPT_NAME=asm-install
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=scripts/mesh/lib.sh
. "$(dirname "$0")/lib.sh"
MESH_REVISION="${MESH_REVISION:-${ASM_REVISION:-}}"
require KUBECONFIG_DATA ASM_PLATFORM MESH_REVISION
check_revision_name "$MESH_REVISION"
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG

check_inputs() {
  require ASM_FLEET_ID ASM_CA ASM_RELEASE MESH_OWNER
  [[ "$ASM_RELEASE" =~ ^1\.([0-9]+)\.([0-9]+)-asm\.([0-9]+)\+config[0-9]+$ ]] ||
    fail "ASM_RELEASE '$ASM_RELEASE' is not an asmcli release; use one as asmcli --version prints it, e.g. 1.29.0-asm.1+config1"
  local minor=${BASH_REMATCH[1]} point=${BASH_REMATCH[2]} rev=${BASH_REMATCH[3]}
  [ "$minor" -ge "${ASM_MIN_MINOR:-29}" ] ||
    fail "ASM_RELEASE $ASM_RELEASE is out of support; use 1.${ASM_MIN_MINOR:-29} or newer (Cloud Service Mesh supports the last three minors)"
  [ "$MESH_REVISION" = "asm-1$minor$point-$rev" ] ||
    fail "revision $MESH_REVISION does not name release ${ASM_RELEASE%%+*} (asmcli would call it asm-1$minor$point-$rev)"
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

# installed_here_before: this command's previous run (Pulumi keeps its output) installed
# MESH_REVISION: a control plane of a stack deployed before owner marks existed.
installed_here_before() {
  [ "$(previous_output | jq -r '.revision // empty')" = "$MESH_REVISION" ]
}

# check_owner: fails unless the revision is free, this stack's, or may be adopted.
check_owner() {
  local owner
  owner=$(revision_owner "$MESH_REVISION")
  case "$owner" in
    "$MESH_OWNER") return ;;
    "") ;;
    *) fail "istiod-$MESH_REVISION belongs to $owner, not this stack ($MESH_OWNER): it is never taken over; give this stack another revision (mesh.release)" ;;
  esac
  [ -n "$(istiod_json "$MESH_REVISION")" ] || return 0
  if installed_here_before; then
    log "istiod-$MESH_REVISION was installed by this stack before owner marks: marking it"
  elif [ "${MESH_ADOPT_EXISTING:-false}" = true ]; then
    log "adopting istiod-$MESH_REVISION (mesh.adoptExistingRevision): this stack now upgrades it and uninstalls it on destroy"
  else
    fail "istiod-$MESH_REVISION exists but was not installed by this stack ($MESH_OWNER): its workloads would lose their control plane when this stack is destroyed. To take it over (this stack then upgrades it and uninstalls it on destroy), set mesh.adoptExistingRevision: true (pulumi config set --path mesh.adoptExistingRevision true); otherwise give this stack another revision (mesh.release)"
  fi
}

# mark_previous_revision: step 4 above.
mark_previous_revision() {
  local previous
  previous=$(previous_output | jq -r '.revision // empty')
  if [ -z "$previous" ] || [ "$previous" = "$MESH_REVISION" ] || ! [[ "$previous" =~ $REVISION_PATTERN ]]; then return 0; fi
  if [ -z "$(istiod_json "$previous")" ] || [ -n "$(revision_owner "$previous")" ]; then return 0; fi
  log "istiod-$previous was installed by this stack before owner marks (its previous output names it): marking it, so that the canary removes it once nothing uses it"
  mark_revision "$previous" "$MESH_OWNER"
}

# check_release: a ready istiod must run the release its revision names.
check_release() {
  local running want=${ASM_RELEASE%%+*}
  running=$(release_of_revision "$MESH_REVISION")
  [ "$running" = "$want" ] && return
  local rev
  rev=$(sed -E 's/^1\.([0-9]+)\.([0-9]+)-asm\.([0-9]+)$/asm-1\1\2-\3/' <<<"$running")
  fail "istiod-$MESH_REVISION runs $running, not $want: its name no longer says what runs. Set mesh.release: $running+config1 (revision $rev) to move to a revision named after it by canary, or reinstall $MESH_REVISION"
}

# fetch_asmcli: the path of asmcli_<ASM_RELEASE>: ASMCLI as given (its --version is checked next), or
# downloaded and checked against its published .sha256.
fetch_asmcli() {
  if [ -n "${ASMCLI:-}" ]; then
    [ -x "$ASMCLI" ] || fail "ASMCLI '$ASMCLI' is not an executable file: give the path of asmcli_${ASM_RELEASE//+/-}, or unset ASMCLI to download and verify it"
    log "using ASMCLI=$ASMCLI as asmcli $ASM_RELEASE: not downloaded, its checksum is yours to check"
    printf '%s' "$ASMCLI"
    return
  fi
  local name="asmcli_${ASM_RELEASE//+/-}" url
  url="${ASMCLI_URL:-https://storage.googleapis.com/csm-artifacts/asm}/asmcli_${ASM_RELEASE//+/-}"
  log "downloading $name"
  download "$url" "$WORK_DIR/$name"
  verify_sha256 "$WORK_DIR/$name" "$name" "$url"
  chmod 700 "$WORK_DIR/$name"
  printf '%s' "$WORK_DIR/$name"
}

# check_asmcli_version ASMCLI: asmcli installs the release of its own build, whatever it is asked.
check_asmcli_version() {
  local version
  version=$("$1" --version 2>/dev/null | tail -n 1)
  [ "$version" = "$ASM_RELEASE" ] ||
    fail "asmcli reports version '$version', not $ASM_RELEASE: it would install another release under revision $MESH_REVISION"
}

network_label() {
  kubectl get namespace "$ISTIO_SYSTEM" -o json 2>/dev/null | jq -r '.metadata.labels["topology.istio.io/network"] // ""'
}

# cluster_id: istiod's CLUSTER_ID (istio release-1.29 istio-discovery deployment.yaml, from
# global.multiCluster.clusterName, which asmcli sets to cn-<project>-<location>-<cluster>).
cluster_id() {
  local id
  id=$(istiod_json "$MESH_REVISION" | jq -r '[.spec.template.spec.containers[].env[]? | select(.name == "CLUSTER_ID") | .value][0] // empty')
  [ -n "$id" ] || fail "istiod-$MESH_REVISION has no CLUSTER_ID: cannot name the remote secrets after it"
  printf '%s' "$id"
}

result() {
  jq -cn --arg revision "$MESH_REVISION" --arg release "$1" --arg version "$ASM_RELEASE" --arg network "$(network_label)" --arg istioctl "$2" \
    --arg clusterId "$(cluster_id)" --arg owner "$MESH_OWNER" \
    '{revision: $revision, release: $release, asmcliVersion: $version, network: $network, istioctl: $istioctl, clusterId: $clusterId, owner: $owner}'
}

run_asmcli() {
  local asmcli=$1 out=$2
  local args=(install --fleet_id "$ASM_FLEET_ID" --output_dir "$out" --offline
    --enable_gcp_apis --enable_gcp_components --enable_cluster_labels --enable_namespace_creation
    --ca "$ASM_CA" --revision_name "$MESH_REVISION")
  [ -z "${ASM_NETWORK_ID:-}" ] || args+=(--network_id "$ASM_NETWORK_ID")
  case "$ASM_PLATFORM" in
    gke) args+=(--project_id "$ASM_PROJECT_ID" --cluster_name "$ASM_CLUSTER_NAME" --cluster_location "$ASM_CLUSTER_LOCATION") ;;
    # asmcli resolves --kubeconfig with readlink -f (asmcli/lib/parse.sh), so it gets a named file.
    multicloud) args+=(--platform multicloud --kubeconfig "$(named_secret_file KUBECONFIG_DATA asmcli-kubeconfig)") ;;
  esac
  log "asmcli ${args[*]}"
  "$asmcli" "${args[@]}" >&2 || fail "asmcli install of revision $MESH_REVISION failed (its output is above)"
}

# install_revision RELEASE: asmcli of exactly ASM_RELEASE, from verified downloads only.
install_revision() {
  local release=$1 asmcli tarball out="$WORK_DIR/asm_output"
  asmcli=$(fetch_asmcli)
  check_asmcli_version "$asmcli"
  tarball=$(verified_release_tarball "$release")
  mkdir -p "$out"
  # asmcli's own download (download_asm: curl | tar, nothing checked) is replaced by the verified release.
  "$asmcli" build-offline-package --output_dir "$out" >&2 || fail "asmcli build-offline-package failed (its output is above)"
  rm -rf "${out:?}/istio-$release"
  tar -xzf "$tarball" -C "$out" "istio-$release" || fail "istio-$release-linux-amd64.tar.gz holds no istio-$release"
  claim_revision "$MESH_REVISION" "$MESH_OWNER"
  run_asmcli "$asmcli" "$out"
  keep_istioctl "$release" "$out/istio-$release/bin/istioctl" >/dev/null
  wait_until "istiod-$MESH_REVISION to be ready (kubectl -n $ISTIO_SYSTEM describe deployment istiod-$MESH_REVISION)" "$MESH_WAIT_SECONDS" revision_ready "$MESH_REVISION"
}

create() {
  check_inputs
  local release=${ASM_RELEASE%%+*} istioctl
  check_owner
  if revision_ready "$MESH_REVISION"; then
    log "istiod-$MESH_REVISION is ready: nothing to install"
  else
    [ -z "$(istiod_json "$MESH_REVISION")" ] || log "istiod-$MESH_REVISION exists but is not ready (a half-finished install): installing again"
    install_revision "$release"
  fi
  check_release
  mark_revision "$MESH_REVISION" "$MESH_OWNER"
  mark_previous_revision
  if [ -n "${ASM_NETWORK_ID:-}" ] && [ "$(network_label)" != "$ASM_NETWORK_ID" ]; then
    fail "namespace $ISTIO_SYSTEM is labelled topology.istio.io/network=$(network_label), not $ASM_NETWORK_ID: sidecars and the gateway would disagree; relabel it (kubectl label ns $ISTIO_SYSTEM topology.istio.io/network=$ASM_NETWORK_ID --overwrite) and restart istiod"
  fi
  istioctl=$(istioctl_for_revision "$MESH_REVISION")
  result "$release" "$istioctl"
}

delete() {
  local owner
  if revision_gone "$MESH_REVISION"; then
    owner=$(revision_owner "$MESH_REVISION")
    if [ -n "$owner" ] && [ "$owner" = "${MESH_OWNER:-}" ]; then kubectl -n "$ISTIO_SYSTEM" delete configmap "$(owner_claim "$MESH_REVISION")" --ignore-not-found >&2; fi
    log "no istiod-$MESH_REVISION: nothing to remove"
    return
  fi
  owner=$(revision_owner "$MESH_REVISION")
  if ! { [ -n "$owner" ] && [ "$owner" = "${MESH_OWNER:-}" ]; } && ! { [ -z "$owner" ] && installed_here_before; }; then
    log "istiod-$MESH_REVISION was not installed by this stack: left running (owner: ${owner:-none})"
    return
  fi
  local istioctl
  istioctl=$(istioctl_for_revision "$MESH_REVISION")
  "$istioctl" uninstall -y --revision "$MESH_REVISION" >&2 || fail "istioctl uninstall --revision $MESH_REVISION failed (its output is above)"
  wait_until "istiod-$MESH_REVISION to be removed" "$MESH_WAIT_SECONDS" revision_gone "$MESH_REVISION"
  kubectl -n "$ISTIO_SYSTEM" delete configmap "$(owner_claim "$MESH_REVISION")" --ignore-not-found >&2
  log "removed revision $MESH_REVISION; Istio's CRDs and base objects stay: uninstall --revision never prunes them, and deleting a CRD would delete every object of its kind in the cluster"
}

dispatch "$@"
