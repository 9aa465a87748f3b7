#!/usr/bin/env bash
# inputs-kept.sh STATE_JSON KUBECONFIG...: for every Kubernetes object in an exported stack
# state, the input fields the API server did not keep (absent from the live object). A provider
# that diffs against the server's copy, as Kubernetes provider v4 does, shows each of them as a
# change on every preview (the empty CRD `properties: {}` was one). Prints one line per field and
# exits 1 when there is any; the live objects come from whichever cluster holds the object's uid.
set -euo pipefail

state=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The Kubernetes objects the stack manages (their providers are typed pulumi:providers:...).
objects='.deployment.resources[] | select(.custom and (.type | startswith("kubernetes:")) and .outputs.metadata.uid != null)'

# The identity of every one, one List per kind (a cluster that lacks a kind, such as a CRD
# installed on the other cluster only, then fails that kind alone).
jq -c "[$objects"' | {apiVersion: .inputs.apiVersion, kind: .inputs.kind,
         metadata: ({name: .outputs.metadata.name} + (if .outputs.metadata.namespace then {namespace: .outputs.metadata.namespace} else {} end))}]
    | group_by([.apiVersion, .kind])[] | {apiVersion: "v1", kind: "List", items: .}' "$state" >"$work/identities.jsonl"

count=$(jq -s 'map(.items | length) | add // 0' "$work/identities.jsonl")
[ "$count" -gt 0 ] || { echo "no Kubernetes objects in $state" >&2; exit 1; }

i=0
while IFS= read -r kind_list; do
  printf '%s\n' "$kind_list" >"$work/kind.json"
  for kubeconfig in "$@"; do
    i=$((i + 1))
    if ! kubectl --kubeconfig "$kubeconfig" get -f "$work/kind.json" --ignore-not-found -o json >"$work/live-$i.json" 2>"$work/error"; then
      # Only "this cluster has no such kind" is expected; anything else is the cluster's error.
      grep -qE "no matches for kind|resource mapping not found|doesn't have a resource type" "$work/error" || { cat "$work/error" >&2; exit 1; }
      rm -f "$work/live-$i.json"
    fi
  done
done <"$work/identities.jsonl"

shopt -s nullglob
live=("$work"/live-*.json)
[ "${#live[@]}" -gt 0 ] || { echo '{"kind": "List", "items": []}' >"$work/live-0.json"; live=("$work/live-0.json"); }

# Leaves (and empty maps or lists) of the inputs whose path the live object lacks. Left out:
# values the state holds as secrets (only ciphertext there to compare), and a Secret's
# write-only stringData, which the API server folds into data.
jq -r -n --slurpfile state "$state" '
  def unsecret: walk(if type == "object" and has("4dabf18193072939515e22adb298388d") then null else . end);
  ([inputs | if .kind == "List" then .items[] else . end] | map({key: .metadata.uid, value: .}) | from_entries) as $live
  | $state[0] | '"$objects"'
  | . as $r
  | ($live[$r.outputs.metadata.uid]) as $object
  | if $object == null then "\($r.urn): not found on any cluster"
    else
      ($r.inputs | unsecret | del(.stringData)) as $inputs
      | $inputs
      | paths(if type == "object" or type == "array" then length == 0 else true end) as $path
      | select(($inputs | getpath($path)) != null)
      | select(($object | getpath($path)) == null)
      | "\($r.urn): \($path | map(tostring) | join("."))"
    end
' "${live[@]}" >"$work/dropped.txt"

if [ -s "$work/dropped.txt" ]; then
  cat "$work/dropped.txt"
  exit 1
fi
echo "$count objects: every input field kept"
