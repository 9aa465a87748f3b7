#!/usr/bin/env bash
# Read-only checks of an existing (bare-metal) cluster, run before the stack builds anything (the
# VPN included): what only the live cluster can tell. Every finding is reported at once, each
# with its fix; nothing is changed.
#   create: 1. the API server's Kubernetes minor lies in PREFLIGHT_KUBERNETES, the range Cloud
#              Service Mesh supports for Google Distributed Cloud bare metal (asmcli itself checks
#              only >= 1.15);
#           2. the cluster is a member of fleet PREFLIGHT_FLEET (the in-cluster
#              memberships.hub.gke.io `membership`, which asmcli reads: without it, and without
#              --enable_registration, asmcli configures no fleet identity for the mesh);
#           3. istiod of MESH_REVISION is absent, this stack's (lib.sh revision_owner), or adopted
#              (MESH_ADOPT_EXISTING=true);
#           4. no object the stack would create (PREFLIGHT_OBJECTS) exists already, unless it is
#              a namespace the stack adopts, whose labels must not contradict the stack's; an
#              object Pulumi's Kubernetes provider manages (field manager pulumi-kubernetes-*)
#              is taken as this stack's (stacks deployed before this check).
#   update: the same, except objects the previous run planned (the stack has created them since);
#           and a namespace the stack created may not become adopted (that would delete it).
#   delete: nothing.
#
# Environment:
#   KUBECONFIG_DATA       (secret) kubeconfig of the cluster.
#   PREFLIGHT_CLUSTER     the cluster's name in the stack, for messages.
#   PREFLIGHT_CONFIG_KEY  its configuration key, e.g. clusters[1], for fixes.
#   PREFLIGHT_LINE        the Cloud Service Mesh line, e.g. 1.29.
#   PREFLIGHT_KUBERNETES  "<min> <max>" Kubernetes minors that line supports on bare metal;
#                         empty when no range is recorded (the version is then only printed).
#   PREFLIGHT_FLEET       the fleet host project.
#   PREFLIGHT_OBJECTS     JSON list of {resource, namespace?, name, adopt?, labels?}: what the stack
#                         would create on the cluster (components/mesh/plannedObjects.ts).
#   MESH_REVISION, MESH_OWNER, MESH_ADOPT_EXISTING   as asm-install.sh.
# Prints: {"kubernetes": "<minor>", "revision": "absent|ours|adopt", "adopted": [<namespace>...],
#          "planned": ["<resource>/<namespace>/<name>"...], "owned": [<namespace>...]}.
SCRIPT_NAME=preflight
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"
# shellcheck source=scripts/mesh/lib.sh
. "$(dirname "$0")/lib.sh"
require KUBECONFIG_DATA PREFLIGHT_CLUSTER PREFLIGHT_CONFIG_KEY PREFLIGHT_LINE PREFLIGHT_FLEET PREFLIGHT_OBJECTS MESH_REVISION MESH_OWNER
check_revision_name "$MESH_REVISION"
KUBECONFIG=$(kubeconfig_file)
export KUBECONFIG
CLUSTER=$PREFLIGHT_CLUSTER
PROBLEMS=()
problem() { PROBLEMS+=("$1"); }

# kubernetes_minor: the API server's minor, e.g. 1.34 (GKE and GDC report minors like "34+").
kubernetes_minor() {
  local version
  version=$(kubectl version -o json) || fail "could not read cluster $CLUSTER's Kubernetes version (kubectl version): is its API server reachable from here?"
  jq -r '.serverVersion | "\(.major | gsub("[^0-9]"; "")).\(.minor | gsub("[^0-9]"; ""))"' <<<"$version"
}

check_kubernetes() {
  local minor=$1 min max
  if [ -z "${PREFLIGHT_KUBERNETES:-}" ]; then
    log "cluster $CLUSTER runs Kubernetes $minor; no recorded Kubernetes range for Cloud Service Mesh $PREFLIGHT_LINE: check its Supported platforms page"
    return
  fi
  read -r min max <<<"$PREFLIGHT_KUBERNETES"
  if [ "${minor#*.}" -lt "${min#*.}" ] || [ "${minor#*.}" -gt "${max#*.}" ]; then
    problem "cluster $CLUSTER runs Kubernetes $minor, but Cloud Service Mesh $PREFLIGHT_LINE supports $min-$max on Google Distributed Cloud (software only) for bare metal: upgrade the cluster (bmctl upgrade cluster) to one of those before the mesh is installed"
  fi
}

check_membership() {
  local out project
  if ! out=$(kubectl get memberships.hub.gke.io membership -o json --ignore-not-found 2>&1); then
    grep -q "doesn't have a resource type" <<<"$out" || fail "could not read cluster $CLUSTER's fleet membership: $out"
    out=""
  fi
  if [ -z "$out" ]; then
    problem "cluster $CLUSTER is not registered to fleet $PREFLIGHT_FLEET (it has no memberships.hub.gke.io/membership): register it with fleet Workload Identity (gcloud container fleet memberships register, or bmctl for a bare-metal cluster); the stack does not register clusters"
    return
  fi
  project=$(jq -r '.spec.owner.id // ""' <<<"$out" | sed -nE 's#.*/projects/([^/]+)/.*#\1#p')
  if [ -n "$project" ] && [ "$project" != "$PREFLIGHT_FLEET" ] && ! [[ "$project" =~ ^[0-9]+$ ]]; then
    problem "cluster $CLUSTER is registered to fleet project $project, not $PREFLIGHT_FLEET: register it to $PREFLIGHT_FLEET, or set gcp.project to $project"
  elif [ -z "$(jq -r '.spec.identity_provider // ""' <<<"$out")" ]; then
    problem "cluster $CLUSTER's fleet membership has no identity provider: enable fleet Workload Identity on it (gcloud container fleet memberships update --enable-workload-identity)"
  fi
}

# check_revision: sets REVISION_STATE to absent, ours or adopt; a finding otherwise.
check_revision() {
  local owner
  owner=$(revision_owner "$MESH_REVISION")
  REVISION_STATE=foreign
  if [ "$owner" = "$MESH_OWNER" ]; then
    REVISION_STATE=ours
  elif [ -n "$owner" ]; then
    problem "istiod-$MESH_REVISION belongs to $owner, not this stack ($MESH_OWNER): give this stack another revision (mesh.release)"
  elif [ -z "$(istiod_json "$MESH_REVISION")" ]; then
    REVISION_STATE=absent
  elif [ "${MESH_ADOPT_EXISTING:-false}" = true ]; then
    REVISION_STATE=adopt
  else
    problem "istiod-$MESH_REVISION exists but was not installed by this stack ($MESH_OWNER): set mesh.adoptExistingRevision: true to take it over (this stack then upgrades it and uninstalls it on destroy; also the fix for a stack that installed it before owner marks existed), or give this stack another revision (mesh.release)"
  fi
}

# read_object RESOURCE NAMESPACE NAME: the object as JSON, nothing when it is absent (also when
# the cluster does not know its kind yet, e.g. Istio's Gateway before any install).
read_object() {
  local out
  if ! out=$(kubectl get "$1" "$3" ${2:+-n "$2"} -o json --ignore-not-found --show-managed-fields 2>&1); then
    grep -q "doesn't have a resource type" <<<"$out" || fail "could not read $1 $2/$3 on cluster $CLUSTER: $out"
    out=""
  fi
  printf '%s' "$out"
}

# managed_by_pulumi OBJECT: Pulumi's Kubernetes provider applied it (its field managers are
# pulumi-kubernetes-<random>: pulumi-kubernetes provider fieldManagerName).
managed_by_pulumi() {
  jq -e '[.metadata.managedFields[]?.manager // "" | startswith("pulumi-kubernetes")] | any' <<<"$1" >/dev/null
}

# check_adopted NAME OBJECT LABELS: an adopted namespace exists, and its labels leave room for the stack's.
check_adopted() {
  local name=$1 obj=$2 labels=$3 key current
  if [ -z "$obj" ]; then
    problem "$PREFLIGHT_CONFIG_KEY.existing.adoptNamespaces names $name, which does not exist: remove it from the list (the stack then creates it)"
    return
  fi
  current=$(jq -r '.metadata.labels["istio-injection"] // empty' <<<"$obj")
  [ -z "$current" ] || problem "namespace $name is labelled istio-injection=$current, which overrides istio.io/rev: kubectl label namespace $name istio-injection-"
  while IFS= read -r key; do
    local want
    want=$(jq -r --arg k "$key" '.[$k]' <<<"$labels")
    current=$(jq -r --arg k "$key" '.metadata.labels[$k] // empty' <<<"$obj")
    if [ -n "$current" ] && [ "$current" != "$want" ]; then
      if [ "$key" = istio.io/rev ]; then
        problem "namespace $name is labelled $key=$current, and the stack would set $want: move it yourself (kubectl label namespace $name $key=$want --overwrite) once $want runs, or remove the label"
      else
        problem "namespace $name is labelled $key=$current, and the stack would set $want: relabel it (kubectl label namespace $name $key=$want --overwrite) or set the stack's value to $current"
      fi
    fi
  done < <(jq -r 'keys[]' <<<"$labels")
}

create() {
  local previous minor entry resource ns name adopt key obj planned=() owned=() adopted=()
  previous=$(previous_output)
  minor=$(kubernetes_minor)
  check_kubernetes "$minor"
  check_membership
  check_revision
  while IFS= read -r entry; do
    resource=$(jq -r '.resource' <<<"$entry")
    ns=$(jq -r '.namespace // ""' <<<"$entry")
    name=$(jq -r '.name' <<<"$entry")
    adopt=$(jq -r '.adopt // false' <<<"$entry")
    key="$resource/$ns/$name"
    planned+=("$key")
    obj=$(read_object "$resource" "$ns" "$name")
    if [ "$resource" = namespaces ] && [ "$adopt" = true ]; then
      if jq -e --arg n "$name" '(.owned // []) | index($n)' <<<"$previous" >/dev/null; then
        problem "namespace $name was created by this stack: adopting it now would delete it; remove it from $PREFLIGHT_CONFIG_KEY.existing.adoptNamespaces"
      else
        check_adopted "$name" "$obj" "$(jq -c '.labels // {}' <<<"$entry")"
      fi
      adopted+=("$name")
      continue
    fi
    [ "$resource" != namespaces ] || owned+=("$name")
    [ -n "$obj" ] || continue
    if jq -e --arg k "$key" '(.planned // []) | index($k)' <<<"$previous" >/dev/null; then continue; fi
    if managed_by_pulumi "$obj"; then
      log "$resource $ns/$name exists and Pulumi manages it: taken as this stack's"
      continue
    fi
    if [ "$resource" = namespaces ]; then
      problem "namespace $name already exists and the stack did not create it: add it to $PREFLIGHT_CONFIG_KEY.existing.adoptNamespaces (the stack then only labels it and never deletes it), or delete it"
    else
      problem "$resource $ns/$name already exists and the stack did not create it: delete it (kubectl -n $ns delete $resource $name), or the stack fails on it with AlreadyExists after building the VPN"
    fi
  done < <(jq -c '.[]' <<<"$PREFLIGHT_OBJECTS")

  if [ "${#PROBLEMS[@]}" -gt 0 ]; then
    local p
    for p in "${PROBLEMS[@]}"; do log "$p"; done
    fail "cluster $CLUSTER is not ready for the stack (${#PROBLEMS[@]} problems above); nothing has been built"
  fi
  jq -cn --arg kubernetes "$minor" --arg revision "$REVISION_STATE" \
    --argjson adopted "$(printf '%s\n' "${adopted[@]}" | jq -R . | jq -cs 'map(select(. != ""))')" \
    --argjson planned "$(printf '%s\n' "${planned[@]}" | jq -R . | jq -cs 'map(select(. != ""))')" \
    --argjson owned "$(printf '%s\n' "${owned[@]}" | jq -R . | jq -cs 'map(select(. != ""))')" \
    '{kubernetes: $kubernetes, revision: $revision, adopted: $adopted, planned: $planned, owned: $owned}'
}

delete() { log "nothing to remove: the preflight only reads"; }

dispatch "$@"
