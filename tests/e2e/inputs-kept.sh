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

# The identity of every Kubernetes object the stack manages, as a List kubectl can read.
jq '{apiVersion: "v1", kind: "List", items: [
      .deployment.resources[]
      | select(.custom and (.type | startswith("kubernetes:")) and (.type | startswith("pulumi:providers:") | not))
      | select(.outputs.metadata.uid != null)
      | {apiVersion: .inputs.apiVersion, kind: .inputs.kind,
         metadata: ({name: .outputs.metadata.name} + (if .outputs.metadata.namespace then {namespace: .outputs.metadata.namespace} else {} end))}
    ]}' "$state" >"$work/identities.json"

count=$(jq '.items | length' "$work/identities.json")
[ "$count" -gt 0 ] || { echo "no Kubernetes objects in $state" >&2; exit 1; }

i=0
for kubeconfig in "$@"; do
  kubectl --kubeconfig "$kubeconfig" get -f "$work/identities.json" --ignore-not-found -o json >"$work/live-$i.json"
  i=$((i + 1))
done

# Leaves (and empty maps or lists) of the inputs whose path the live object lacks. Write-only
# inputs are left out: a Secret's stringData, which the API server folds into data.
jq -r -n --slurpfile state "$state" '
  ([inputs | if .kind == "List" then .items[] else . end] | map({key: .metadata.uid, value: .}) | from_entries) as $live
  | $state[0].deployment.resources[]
  | select(.custom and (.type | startswith("kubernetes:")))
  | select(.outputs.metadata.uid != null)
  | . as $r
  | ($live[$r.outputs.metadata.uid]) as $object
  | if $object == null then "\($r.inputs.kind)/\($r.outputs.metadata.name): not found on any cluster"
    else
      ($r.inputs | del(.stringData))
      | paths(if type == "object" or type == "array" then length == 0 else true end) as $path
      | select(($r.inputs | getpath($path)) != null)
      | select(($object | getpath($path)) == null)
      | "\($r.inputs.kind)/\($r.outputs.metadata.name): \($path | map(tostring) | join("."))"
    end
' "$work"/live-*.json >"$work/dropped.txt"

if [ -s "$work/dropped.txt" ]; then
  cat "$work/dropped.txt"
  exit 1
fi
echo "$count objects: every input field kept"
