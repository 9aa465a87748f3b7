#!/usr/bin/env bash
# Anthos Service Mesh on one cluster with asmcli.
#   create: skips when istiod of ASM_REVISION already runs; otherwise runs `asmcli install` in a
#           fresh output directory (re-runs in an old one fail on `ln: ./istioctl: File exists`).
#   delete: removes the revision's control plane with that revision's istioctl; a cluster
#           without it is done.
# Inputs: KUBECONFIG_DATA (secret), ASM_PLATFORM (gke|multicloud), ASM_FLEET_ID, ASM_REVISION,
#         ASM_CA, ASMCLI_VERSION; for gke: ASM_PROJECT_ID, ASM_CLUSTER_NAME, ASM_CLUSTER_LOCATION.
#         ASMCLI (optional): an asmcli already on disk instead of downloading ASMCLI_VERSION.
SCRIPT_NAME=asm-install
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
require KUBECONFIG_DATA ASM_PLATFORM ASM_REVISION
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG

installed() {
  kubectl -n istio-system get deployment "istiod-$ASM_REVISION" >/dev/null 2>&1
}

fetch_asmcli() {
  if [ -n "${ASMCLI:-}" ]; then printf '%s' "$ASMCLI"; return; fi
  local file="$WORK_DIR/asmcli"
  curl -fsSL "https://storage.googleapis.com/csm-artifacts/asm/asmcli_${ASMCLI_VERSION:?}" -o "$file"
  chmod +x "$file"
  printf '%s' "$file"
}

create() {
  require ASM_FLEET_ID ASM_CA
  if installed; then log "istiod-$ASM_REVISION already runs: nothing to install"; printf '{"revision":"%s"}\n' "$ASM_REVISION"; return; fi
  local asmcli args
  asmcli=$(fetch_asmcli)
  args=(install --fleet_id "$ASM_FLEET_ID" --output_dir "$WORK_DIR/asm_output" --enable_all --ca "$ASM_CA")
  case "$ASM_PLATFORM" in
    gke) require ASM_PROJECT_ID ASM_CLUSTER_NAME ASM_CLUSTER_LOCATION
      args+=(--project_id "$ASM_PROJECT_ID" --cluster_name "$ASM_CLUSTER_NAME" --cluster_location "$ASM_CLUSTER_LOCATION") ;;
    multicloud) args+=(--platform multicloud --kubeconfig "$KUBECONFIG") ;;
    *) fail "ASM_PLATFORM must be gke or multicloud, not $ASM_PLATFORM" ;;
  esac
  log "asmcli ${args[*]}"
  "$asmcli" "${args[@]}" >&2
  installed || fail "asmcli finished but istiod-$ASM_REVISION is not in istio-system (revision mismatch?)"
  printf '{"revision":"%s"}\n' "$ASM_REVISION"
}

delete() {
  if ! installed; then log "no istiod-$ASM_REVISION: nothing to remove"; return; fi
  "${ISTIOCTL:-istioctl}" uninstall -y --revision "$ASM_REVISION" >&2
}

dispatch "$@"
