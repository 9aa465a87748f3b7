#!/usr/bin/env bash
# Bare-metal prerequisites of the mesh, checked from the cluster before the install: on every
# node (a short-lived host-network pod pinned to it), the route to each GCP range must go via
# the VPN gateway's private IP, and each target (host:port on GCP) must accept a TCP connection.
#   create: prints what each node showed; fails, naming every node and what to run or open on
#           it, when a route or a port is wrong. The check pods are removed (`--rm`).
#   delete: nothing to remove.
#
# Environment:
#   KUBECONFIG_DATA        (secret) kubeconfig of the bare-metal cluster.
#   PREREQ_GCP_RANGES      space-separated CIDRs on GCP that the servers must reach over the VPN
#                          (GKE nodes, pods, services).
#   PREREQ_VPN_GATEWAY_IP  the NIFCLOUD VPN gateway's private IP on the servers' LAN.
#   PREREQ_TARGETS         (optional) space-separated host:port on GCP that must answer, e.g. the
#                          GKE API server's private endpoint and the GKE east-west gateway (15443).
#   PREREQ_FIREWALL_GROUP  the servers' NIFCLOUD firewall group, named in the fix.
#   PREREQ_IMAGE           (optional) image with `ip` and `nc`. @default busybox:1.36
# Prints: {"nodes": {"<node>": {"routes": {"<cidr>": "<gateway>"}, "ports": {"<host:port>": "open|closed"}}}}
SCRIPT_NAME=baremetal-prereqs
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/../lib/common.sh"

# What the check pod runs: one line per check, `route <ip> <ip route get output>` or
# `port <host:port> open|closed`.
# shellcheck disable=SC2016 # expanded by the pod's shell, not here
POD_SCRIPT='for c in "$@"; do case "$c" in
route:*) ip=${c#route:}; echo "route $ip $(ip route get "$ip" 2>&1 | head -n 1)" ;;
port:*) t=${c#port:}; if nc -z -w 3 "${t%:*}" "${t##*:}" 2>/dev/null; then echo "port $t open"; else echo "port $t closed"; fi ;;
esac; done'

# probe_address CIDR: the first host address of CIDR (routes are per prefix, one address tells).
probe_address() {
  local net=${1%/*} a b c d
  IFS=. read -r a b c d <<<"$net"
  printf '%s.%s.%s.%s' "$a" "$b" "$c" $((d + 1))
}

create() {
  require KUBECONFIG_DATA PREREQ_GCP_RANGES PREREQ_VPN_GATEWAY_IP PREREQ_FIREWALL_GROUP
  KUBECONFIG=$(kubeconfig_file)
  export KUBECONFIG
  local ranges targets checks=() cidr target node i=0 out overrides result='{}' problems=()
  read -r -a ranges <<<"$PREREQ_GCP_RANGES"
  read -r -a targets <<<"${PREREQ_TARGETS:-}"
  for cidr in "${ranges[@]}"; do checks+=("route:$(probe_address "$cidr")"); done
  for target in "${targets[@]}"; do checks+=("port:$target"); done

  while IFS= read -r node; do
    i=$((i + 1))
    overrides=$(jq -cn --arg node "$node" '{spec: {hostNetwork: true, nodeName: $node, tolerations: [{operator: "Exists"}]}}')
    # A run cancelled while its pod ran leaves it (kubectl run --rm cleans up in a Go defer, which a
    # signal skips): remove it first, or the name is taken.
    kubectl delete pod "mesh-prereq-$i" --ignore-not-found --wait=true >/dev/null
    out=$(kubectl run "mesh-prereq-$i" --image="${PREREQ_IMAGE:-busybox:1.36}" --restart=Never --rm -i --quiet \
      --overrides="$overrides" --command -- sh -c "$POD_SCRIPT" sh "${checks[@]}") ||
      fail "could not run the check pod on node $node (kubectl run with hostNetwork): $out"
    local routes='{}' ports='{}' via
    for cidr in "${ranges[@]}"; do
      via=$(awk -v ip="$(probe_address "$cidr")" '$1 == "route" && $2 == ip { for (k = 3; k < NF; k++) if ($k == "via") { print $(k + 1); exit } }' <<<"$out")
      routes=$(jq -c --arg c "$cidr" --arg v "${via:-none}" '. + {($c): $v}' <<<"$routes")
      [ "$via" = "$PREREQ_VPN_GATEWAY_IP" ] ||
        problems+=("node $node routes $cidr via ${via:-no gateway}, not the VPN gateway: on that server run 'ip route add $cidr via $PREREQ_VPN_GATEWAY_IP' and make it permanent in its network configuration")
    done
    for target in "${targets[@]}"; do
      local state
      state=$(awk -v t="$target" '$1 == "port" && $2 == t { print $3 }' <<<"$out")
      ports=$(jq -c --arg t "$target" --arg s "${state:-closed}" '. + {($t): $s}' <<<"$ports")
      [ "$state" = open ] ||
        problems+=("node $node cannot reach $target: check the route above, that firewall group $PREREQ_FIREWALL_GROUP lets the servers send to and receive from ${PREREQ_GCP_RANGES// /, }, and that GCP's firewall allows the LAN in on port ${target##*:}")
    done
    result=$(jq -c --arg n "$node" --argjson r "$routes" --argjson p "$ports" '. + {($n): {routes: $r, ports: $p}}' <<<"$result")
  done < <(kubectl get nodes -o json | jq -r '.items[].metadata.name')

  [ "$i" -gt 0 ] || fail "the cluster lists no nodes"
  jq -cn --argjson n "$result" '{nodes: $n}'
  if [ "${#problems[@]}" -gt 0 ]; then
    local p
    for p in "${problems[@]}"; do log "$p"; done
    fail "the servers are not ready for the mesh (${#problems[@]} problems above)"
  fi
}

delete() { log "nothing to remove"; }

dispatch "$@"
