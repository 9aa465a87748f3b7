#!/usr/bin/env bash
# The real Pulumi engine against two real local API servers: `pulumi up` of the local stack,
# what each cluster then holds (remote secrets authenticate to the other API server),
# `pulumi preview --expect-no-changes`, `pulumi destroy`, and nothing of ours left behind.
# Runs in a throw-away state directory; prints the wall times it measured.
set -euo pipefail
export MESH_LOCAL_HOME="${MESH_LOCAL_HOME:-$(mktemp -d)}"
# shellcheck source=devtools/local/lib.sh
. "$(dirname "$0")/../../devtools/local/lib.sh"

# The test starts clusters of its own on the ports `npm run local` uses: when they are taken, stop
# here and say by what, before starting anything.
if in_use=$(local_ports_in_use); then
  mapfile -t taken <<<"$in_use"
  shown=()
  for line in "${taken[@]}"; do
    if [[ "$line" == *"(kube-apiserver of "* ]]; then shown+=("$line"); fi
  done
  [ "${#shown[@]}" -gt 0 ] || shown=("${taken[@]:0:2}")
  {
    echo "test:e2e starts its own two local clusters on the ports of \`npm run local\`, and ${#taken[@]} of them are in use, e.g.:"
    printf '  %s\n' "${shown[@]}"
    echo "If \`npm run local\` is up, stop it with \`npm run local:down\` (it destroys the local stack; \`npm run local\` builds it again), then run \`npm run test:e2e\` again."
  } >&2
  case "$MESH_LOCAL_HOME" in /tmp/*) rm -rf "$MESH_LOCAL_HOME" ;; esac
  exit 1
fi

failures=0
pass() { printf '  ok   %s\n' "$1"; }
fail() { printf '  FAIL %s\n' "$1"; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: records whether COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}
k() { kubectl --kubeconfig "$(local_kubeconfig "$1")" "${@:2}"; }
timed() {
  local label=$1 start=$SECONDS
  shift
  "$@"
  printf '[time] %s: %ss\n' "$label" "$((SECONDS - start))"
}

cleanup() {
  local_clusters_down || true
  case "$MESH_LOCAL_HOME" in /tmp/*) rm -rf "$MESH_LOCAL_HOME" ;; esac
}
trap cleanup EXIT

timed "control planes" local_clusters_up
local_stack_init
timed "pulumi up" local_pulumi up --yes --skip-preview

echo "== after up"
for cluster in east west; do
  other=$([ "$cluster" = east ] && echo west || echo east)
  check "$cluster: istio-system carries network $cluster-net" \
    test "$(k "$cluster" get namespace istio-system -o jsonpath='{.metadata.labels.topology\.istio\.io/network}')" = "$cluster-net"
  check "$cluster: sample is labelled with the revision" \
    test "$(k "$cluster" get namespace sample -o jsonpath='{.metadata.labels.istio\.io/rev}')" = local-1-24
  check "$cluster: cacerts holds the four plug-in CA files" \
    test "$(k "$cluster" -n istio-system get secret cacerts -o json | jq -r '.data | keys | join(",")')" = "ca-cert.pem,ca-key.pem,cert-chain.pem,root-cert.pem"
  check "$cluster: istiod of the revision" k "$cluster" -n istio-system get deployment istiod-local-1-24
  # `up` waited for these itself; the checks re-read them, so a skipped wait would still be caught.
  check "$cluster: istiod Available, its pod Ready on the kwok node" \
    k "$cluster" -n istio-system wait --for=condition=Available --timeout=90s deployment/istiod-local-1-24
  check "$cluster: east-west gateway Service has its VIP as load-balancer address" \
    k "$cluster" -n istio-gateways wait --for=jsonpath='{.status.loadBalancer.ingress[0].ip}'="$([ "$cluster" = east ] && echo 10.10.0.100 || echo 10.20.0.100)" \
    --timeout=60s service/istio-eastwestgateway
  check "$cluster: east-west gateway Service with the tls port" \
    test "$(k "$cluster" -n istio-gateways get service istio-eastwestgateway -o jsonpath='{.spec.ports[?(@.name=="tls")].port}')" = 15443
  check "$cluster: cross-network Gateway exposes *.local" \
    test "$(k "$cluster" -n istio-gateways get gateways.networking.istio.io cross-network-gateway -o jsonpath='{.spec.servers[0].hosts[0]}')" = "*.local"
  check "$cluster: helloworld and sleep" k "$cluster" -n sample get service/helloworld deployment/sleep
  check "$cluster: remote secret for $other, labelled for istiod" \
    test "$(k "$cluster" -n istio-system get secret "istio-remote-secret-$other" -o jsonpath='{.metadata.labels.istio/multiCluster}')" = true

  # The remote secret's kubeconfig must authenticate to the other API server and list services there.
  remote=$(mktemp)
  k "$cluster" -n istio-system get secret "istio-remote-secret-$other" -o json | jq -r --arg c "$other" '.data[$c] | @base64d' >"$remote"
  check "$cluster: remote kubeconfig names $other's API server" \
    test "$(kubectl --kubeconfig "$remote" config view -o jsonpath='{.clusters[0].cluster.server}')" = "$(k "$other" config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
  check "$cluster: remote kubeconfig lists services in $other" kubectl --kubeconfig "$remote" get services --all-namespaces
  check "$cluster: remote kubeconfig is the reader, not an admin" \
    test "$(kubectl --kubeconfig "$remote" auth can-i delete services --all-namespaces 2>/dev/null || true)" = no
  rm -f "$remote"
done
check "east: root certificates match (one root of trust)" \
  test "$(k east -n istio-system get secret cacerts -o jsonpath='{.data.root-cert\.pem}')" = "$(k west -n istio-system get secret cacerts -o jsonpath='{.data.root-cert\.pem}')"
intermediates=$(mktemp -d)
for cluster in east west; do
  k "$cluster" -n istio-system get secret cacerts -o json | jq -r '.data["ca-cert.pem"] | @base64d' >"$intermediates/$cluster.pem"
  k "$cluster" -n istio-system get secret cacerts -o json | jq -r '.data["root-cert.pem"] | @base64d' >"$intermediates/root.pem"
  check "$cluster: its intermediate chains to the shared root" openssl verify -CAfile "$intermediates/root.pem" "$intermediates/$cluster.pem"
done
rm -rf "$intermediates"
check "east: app, Service and ServiceExport in provider-ns" k east -n provider-ns get deployment/web-demo service/service1 serviceexports.multicluster.x-k8s.io/service1
check "west: ServiceImport keeps its ports" \
  test "$(k west -n provider-ns get serviceimports.multicluster.x-k8s.io service1 -o jsonpath='{.spec.ports[0].port}')" = 80
check "west: consumer Deployment" k west -n provider-ns get deployment/demo-consumer
check "stack output names the imported URL" test "$(cd "$REPO_ROOT" && pulumi stack output importedServiceUrl --stack local)" = "http://amcs-service1.provider-ns.svc.cluster.local"
check "no kubeconfig in the stack outputs or plain state" \
  bash -c "! (cd '$REPO_ROOT' && pulumi stack export --stack local | grep -q 'BEGIN RSA PRIVATE KEY\|token: ')"

# Every input field must survive on the server: one that the API server drops is a perpetual
# diff under provider v4, which compares with the server's copy.
state="$MESH_LOCAL_HOME/state.json"
(cd "$REPO_ROOT" && pulumi stack export --stack local) >"$state"
if dropped=$(bash "$REPO_ROOT/tests/e2e/inputs-kept.sh" "$state" "$(local_kubeconfig east)" "$(local_kubeconfig west)" 2>&1); then
  pass "every input field of every Kubernetes object is kept by the API server"
else
  fail "input fields the API server dropped (a perpetual diff under provider v4):"
  printf '%s\n' "$dropped" | sed 's/^/         /'
fi
rm -f "$state"

echo "== re-preview"
start=$SECONDS
check "pulumi preview --expect-no-changes" local_pulumi preview --expect-no-changes
printf '[time] pulumi preview: %ss\n' "$((SECONDS - start))"

# A Node.js policy pack runs through the language host's RunPlugin; the host the toolchain builds
# (sdk v3.68.0, the newest the module proxy serves) lacks it. For a runtime with no language host
# the engine takes its older path instead, `pulumi-analyzer-policy-<runtime>` on PATH: under the
# toolchain engine the same committed pack runs that way, through a stand-in pack directory whose
# only file names the runtime `nodejs-analyzer` (devtools/local/bin). A user's engine runs it as is.
policy_pack="$REPO_ROOT/policy"
if [ "$MESH_ENGINE" != user ]; then
  policy_pack="$MESH_LOCAL_HOME/policy-pack"
  mkdir -p "$policy_pack"
  printf 'runtime: nodejs-analyzer\ndescription: runs %s through the engine'"'"'s analyzer path\n' "$REPO_ROOT/policy" >"$policy_pack/PulumiPolicy.yaml"
  export MESH_POLICY_PACK_DIR="$REPO_ROOT/policy"
fi
{
  echo "== policy pack under the real engine"
  policy_out="$MESH_LOCAL_HOME/policy-preview.txt"
  check "preview --policy-pack policy passes on the stack's config" \
    local_pulumi preview --policy-pack "$policy_pack" --policy-pack-config "$REPO_ROOT/policy/config/ephemeral.json"
  # Without eastWestAddress east's east-west gateway becomes a public load balancer, which the
  # pack's east-west rule forbids: the preview must fail and say so.
  violating="$MESH_LOCAL_HOME/Pulumi.local.violating.yaml"
  cp "$LOCAL_STACK_CONFIG" "$violating"
  (cd "$REPO_ROOT" && pulumi --non-interactive config rm --path 'clusters[0].eastWestAddress' --stack local --config-file "$violating")
  start=$SECONDS
  if (cd "$REPO_ROOT" && pulumi --non-interactive preview --stack local --config-file "$violating" \
    --policy-pack "$policy_pack" --policy-pack-config "$REPO_ROOT/policy/config/ephemeral.json") >"$policy_out" 2>&1; then
    fail "preview with a public east-west gateway fails the policy pack"
  else
    check "preview with a public east-west gateway fails the policy pack" grep -q 'public load balancer' "$policy_out"
  fi
  printf '[time] pulumi preview --policy-pack (violating): %ss\n' "$((SECONDS - start))"
  echo "-- policy output for the violating config:"
  sed -n '/Policies:/,$p' "$policy_out" | grep -v '^\s*$' | head -n 30
  rm -f "$violating"
}

echo "== destroy"
timed "pulumi destroy" local_pulumi destroy --yes
for cluster in east west; do
  for ns in istio-system istio-gateways sample provider-ns; do
    check "$cluster: namespace $ns gone" bash -c "! kubectl --kubeconfig '$(local_kubeconfig "$cluster")' get namespace $ns"
  done
  check "$cluster: no CRD of ours left" test -z "$(k "$cluster" get crd -o name | grep -E 'istio|multicluster' || true)"
  check "$cluster: no cluster role of ours left" test -z "$(k "$cluster" get clusterroles,clusterrolebindings -o name | grep -E 'istio' || true)"
done
check "the committed Pulumi.local.yaml is untouched (secrets live in the state directory)" git -C "$REPO_ROOT" diff --quiet -- Pulumi.local.yaml
check "the stack holds no resources" test "$(cd "$REPO_ROOT" && pulumi stack export --stack local | jq '.deployment.resources // [] | length')" = 0

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
