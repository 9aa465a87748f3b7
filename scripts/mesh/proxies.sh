#!/usr/bin/env bash
# What runs and what selects each Istio revision in a cluster, read the way Istio 1.29 records it.
# Sourced by revision-canary.sh after scripts/lib/common.sh (kubectl on $KUBECONFIG).
#
# A pod's proxy revision (istio/istio release-1.29 pkg/kube/inject/webhook.go getInjectionStatus,
# manifests/charts/istio-control/istio-discovery/files/injection-template.yaml): an injected pod names it
# in the "revision" of its sidecar.istio.io/status annotation and in its istio.io/rev annotation, never in
# a label (a label would overwrite the tag a namespace selected). Gateway pods also carry the istio.io/rev
# label, set by the gateway chart (manifests/charts/gateways/istio-ingress); it is read only for a pod that
# brings its own istio-proxy container, since an injected gateway's proxy may come from another revision
# than its label says (its namespace's webhook injects it).
#
# A revision is selected (templates/mutatingwebhook.yaml, revision-tags-mwc.yaml) by the webhooks of every
# MutatingWebhookConfiguration labelled istio.io/rev=<revision>: its own istio-sidecar-injector-<revision>
# (namespaces labelled istio.io/rev=<revision>) and each tag istio-revision-tag-<tag> pointing at it
# (namespaces labelled istio.io/rev=<tag>; the tag `default` also istio-injection=enabled).

# jq definitions: proxy_revision (nothing for a pod without a proxy), live (not finished), selects($labels)
# (a LabelSelector matching a label set), controller (a pod's owning reference).
# shellcheck disable=SC2016 # jq variables, not shell ones
JQ_MESH_DEFS='
def proxy_revision:
  (.metadata.annotations // {}) as $a
  | (($a["sidecar.istio.io/status"] // "") | try (fromjson | .revision // empty) catch empty)
    // $a["istio.io/rev"]
    // (if [(.spec.containers // [])[], (.spec.initContainers // [])[]] | any(.name == "istio-proxy")
        then (.metadata.labels // {})["istio.io/rev"] else empty end)
    // empty;
def live: (.status.phase // "Running") | IN("Succeeded", "Failed") | not;
def selects($l):
  ((.matchLabels // {}) | to_entries | all(. as $e | $l[$e.key] == $e.value))
  and ((.matchExpressions // []) | all(. as $r | ($l | has($r.key)) as $h | $l[$r.key] as $v
    | if $r.operator == "In" then $h and any($r.values[]; . == $v)
      elif $r.operator == "NotIn" then ($h | not) or all($r.values[]; . != $v)
      elif $r.operator == "Exists" then $h
      elif $r.operator == "DoesNotExist" then $h | not
      else false end));
def controller: (.metadata.ownerReferences // []) | map(select(.controller)) | .[0];
'

# other_revision_pods NAMESPACE REVISION: "<namespace>/<pod> <revision> <kind>/<workload>" for every live
# pod of NAMESPACE whose proxy is of another revision than REVISION; the workload is the Deployment (through
# its ReplicaSet), StatefulSet or DaemonSet that owns the pod, or pod/<name> when nothing does.
other_revision_pods() {
  local ns=$1 replicasets
  replicasets=$(kubectl -n "$ns" get replicasets -o json)
  kubectl -n "$ns" get pods -o json | jq -r --arg ns "$ns" --arg rev "$2" --argjson rs "$replicasets" "$JQ_MESH_DEFS"'
    ($rs.items | map({key: .metadata.name, value: controller}) | from_entries) as $owners
    | .items[] | select(live) | proxy_revision as $r | select($r != $rev)
    | controller as $o
    | (if $o == null then "pod/\(.metadata.name)"
       elif $o.kind == "ReplicaSet" then ($owners[$o.name] | if . == null then "replicaset/\($o.name)" else "\(.kind | ascii_downcase)/\(.name)" end)
       else "\($o.kind | ascii_downcase)/\($o.name)" end) as $w
    | "\($ns)/\(.metadata.name) \($r) \($w)"'
}

# revision_users REVISION: one line for each thing in the whole cluster that still uses REVISION:
#   pod <namespace>/<name>         runs its proxy;
#   namespace <name>               selects it for its pods (directly, through a tag, or istio-injection);
#   tag <tag>                      points at it (`istioctl uninstall --revision` would delete the tag too);
#   workload <ns>/<kind>/<name>    labels its pod template istio.io/rev=<it or one of its tags>, so its next
#                                  pods would get it (the revision's own istiod excepted).
revision_users() {
  local rev=$1 webhooks
  webhooks=$(kubectl get mutatingwebhookconfigurations -o json)
  kubectl get pods -A -o json | jq -r --arg rev "$rev" "$JQ_MESH_DEFS"'
    .items[] | select(live) | select(proxy_revision == $rev) | "pod \(.metadata.namespace)/\(.metadata.name)"'
  kubectl get namespaces -o json | jq -r --arg rev "$rev" --argjson mwc "$webhooks" "$JQ_MESH_DEFS"'
    [$mwc.items[] | select(.metadata.labels["istio.io/rev"] == $rev) | .webhooks[]?
      | select(.name | test("^(rev[.]namespace|namespace|auto)[.]")) | .namespaceSelector] as $selectors
    | .items[] | (.metadata.labels // {}) as $l | select(any($selectors[]; selects($l)))
    | "namespace \(.metadata.name)"'
  jq -r --arg rev "$rev" '.items[] | select(.metadata.labels["istio.io/rev"] == $rev)
    | .metadata.labels["istio.io/tag"] // empty | "tag \(.)"' <<<"$webhooks"
  kubectl get deployments,statefulsets,daemonsets -A -o json | jq -r --arg rev "$rev" --argjson mwc "$webhooks" '
    ([$rev] + [$mwc.items[] | select(.metadata.labels["istio.io/rev"] == $rev) | .metadata.labels["istio.io/tag"] // empty]) as $names
    | .items[] | select((.metadata.labels // {})["operator.istio.io/component"] != "Pilot")
    | select(.spec.template.metadata.labels["istio.io/rev"] as $v | $v != null and ($names | index($v)) != null)
    | "workload \(.metadata.namespace)/\(.kind | ascii_downcase)/\(.metadata.name)"'
}

# revision_has_webhook REVISION: istioctl still knows REVISION (istioctl/pkg/tag/revision.go
# ListRevisionDescriptions lists revisions by their injection webhooks).
revision_has_webhook() {
  [ -n "$(kubectl get mutatingwebhookconfigurations -l "istio.io/rev=$1" -o name)" ]
}
