#!/usr/bin/env bash
# Starts or stops local Kubernetes control planes (etcd + kube-apiserver +
# kube-controller-manager + kube-scheduler) on loopback, one per cluster name, for the `local`
# stack, each with kwok beside it: one fake node that pods are scheduled to and that kwok
# reports Running and Ready, so Deployments become Available and readiness waits run.
#
#   control-plane.sh up NAME INDEX   start cluster NAME on ports derived from INDEX (1-9: `local`
#                                    uses 1-2, the lifecycle rehearsal 6-8)
#   control-plane.sh down NAME       stop it and delete its state
#
# Each cluster gets its own CA, service-account signing key and admin token; its admin
# kubeconfig is written to "$LOCAL_CLUSTERS_HOME/NAME/kubeconfig" (mode 600). The controller
# manager matters: it fills service-account token Secrets (remote secrets read them) and
# finishes namespace deletion (destroy waits for it).
#
# Every part runs in a session of its own, so a Ctrl-C in the terminal that started it (SIGINT
# to the foreground process group) stops `pulumi up`, not the clusters. `up` reuses a cluster
# whose parts all run and whose API server is ready; otherwise it stops whatever is left of an
# earlier run (found by pid file or by command line, never a process that merely reuses a
# recorded pid), checks that the ports are free and starts the cluster afresh on its kept state.
set -euo pipefail
umask 077

SCRIPT_NAME=control-plane
log() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

# shellcheck source=devtools/local/lib.sh
. "$(dirname "$0")/lib.sh"

# ports INDEX: sets the loopback ports of cluster INDEX (local_cluster_ports in lib.sh lists them).
ports() {
  etcd_client_port=$((2379 + 10 * $1))
  etcd_peer_port=$((2380 + 10 * $1))
  api_port=$(local_api_port "$1")
  kcm_port=$((10257 + 10 * $1))
  scheduler_port=$((10259 + 10 * $1))
  kwok_port=$((10360 + $1))
}

# The parts of a cluster, in start order.
PARTS=(etcd apiserver controller-manager scheduler kwok)

# certificates DIR INDEX: a CA, the API server's serving certificate and the SA key pair.
certificates() {
  local dir=$1 service_ip=$2
  [ -f "$dir/ca.crt" ] && return 0
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=local-cluster-ca" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$dir/apiserver.key" -out "$dir/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,IP:%s,DNS:localhost,DNS:kubernetes.default.svc\n' "$service_ip" >"$dir/san.ext"
  openssl x509 -req -in "$dir/apiserver.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 30 -extfile "$dir/san.ext" -out "$dir/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
}

# kubeconfig FILE SERVER CA TOKEN: an admin kubeconfig authenticating with a static token.
kubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $NAME
  cluster:
    server: $2
    certificate-authority-data: $(base64 -w0 <"$3")
users:
- name: $NAME-admin
  user:
    token: $4
contexts:
- name: $NAME
  context: {cluster: $NAME, user: $NAME-admin}
current-context: $NAME
EOF
}

# tool_of PID: prints the control-plane tool PID runs for this cluster (its command line names one
# of the tools and this cluster's directory); fails for any other process, so a pid file whose
# number now belongs to another process never leads to stopping that process.
tool_of() {
  local arg tool="" cluster=false
  while IFS= read -r -d '' arg; do
    case "$arg" in
      "$dir"/*) cluster=true ;;
      */etcd | */kube-apiserver | */kube-controller-manager | */kube-scheduler | */kwok) tool=${arg##*/} ;;
    esac
  done 2>/dev/null <"/proc/$1/cmdline" || return 1
  [ -n "$tool" ] && [ "$cluster" = true ] && echo "$tool"
}

ours() { tool_of "$1" >/dev/null; }

# running PART: true when PART's pid file names a live process of this cluster.
running() {
  local pid
  pid=$(cat "$dir/$1.pid" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && ours "$pid"
}

# leftovers: the pids of every process of this cluster's control plane, with a pid file or
# without one (a process that outlived its file, or whose start was cut short).
leftovers() {
  local file pid
  for file in $(grep -lsaF -- "$dir/" /proc/[0-9]*/cmdline || true); do
    pid=${file#/proc/}
    pid=${pid%/cmdline}
    if ours "$pid"; then echo "$pid"; fi
  done
}

# stop PID...: asks the processes to stop (SIGTERM) and waits; kills those left after 30s.
stop() {
  [ "$#" -gt 0 ] || return 0
  kill "$@" 2>/dev/null || true
  local waited=0 pid left
  while :; do
    left=()
    for pid in "$@"; do
      if ours "$pid"; then left+=("$pid"); fi
    done
    [ "${#left[@]}" -gt 0 ] || return 0
    if [ "$waited" -eq 150 ]; then
      log "$NAME: ${left[*]} still running after 30s; killing"
      kill -KILL "${left[@]}" 2>/dev/null || true
    fi
    [ "$waited" -lt 200 ] || fail "could not stop ${left[*]} of $NAME"
    sleep 0.2
    waited=$((waited + 1))
  done
}

# stop_cluster: stops every process of this cluster, etcd last (the others talk to it as they stop).
stop_cluster() {
  local pid pids first=() last=()
  mapfile -t pids < <(leftovers)
  [ "${#pids[@]}" -gt 0 ] || return 0
  log "$NAME: stopping ${#pids[@]} processes (pids ${pids[*]})"
  for pid in "${pids[@]}"; do
    if [ "$(tool_of "$pid")" = etcd ]; then last+=("$pid"); else first+=("$pid"); fi
  done
  stop "${first[@]}"
  stop "${last[@]}"
}

# start PART COMMAND...: runs COMMAND in a new session (setsid), so the terminal's SIGINT never
# reaches it: etcd, the Kubernetes binaries and kwok all stop on SIGINT, even when started with
# it ignored, as Go's signal.Notify re-enables it (go.etcd.io/etcd/pkg/v3 v3.5.35
# osutil/interrupt_unix.go; k8s.io/apiserver v0.32.5 pkg/server/signal_posix.go; sigs.k8s.io/kwok
# v0.7.0 pkg/utils/signals/signals.go; Go os/signal package doc). The process writes its own pid
# (what it becomes with exec) to "$dir/PART.pid"; its output goes to "$dir/PART.log".
start() {
  local part=$1 waited=0
  shift
  rm -f "$dir/$part.pid"
  printf '== started %s\n' "$*" >>"$dir/$part.log"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid sh -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$dir/$part.pid" "$@" </dev/null >>"$dir/$part.log" 2>&1 &
  until [ -s "$dir/$part.pid" ]; do
    [ "$waited" -lt 100 ] || fail "$part of $NAME did not start; see $dir/$part.log"
    sleep 0.05
    waited=$((waited + 1))
  done
}

# healthy: every part runs and the API server answers ready.
healthy() {
  local part
  for part in "${PARTS[@]}"; do
    running "$part" || return 1
  done
  kubectl --kubeconfig "$dir/kubeconfig" --request-timeout 5s get --raw /readyz >/dev/null 2>&1
}

# ports_free INDEX: fails, naming the holder, when any port of cluster INDEX is taken.
ports_free() {
  local part port holder
  while read -r part port; do
    if holder=$(local_port_holder "$port"); then
      fail "port $port ($part of $NAME) is in use by $holder. If that is a local cluster of this project: \`npm run local:down\` stops the one \`npm run local\` started, an e2e run stops its own when it ends; otherwise stop that program"
    fi
  done < <(local_cluster_ports "$1")
}

up() {
  local index=$1 dir="$LOCAL_CLUSTERS_HOME/$NAME"
  ports "$index"
  local service_range="10.$((96 + index)).0.0/16" service_ip="10.$((96 + index)).0.1"
  local server="https://127.0.0.1:$api_port"
  mkdir -p "$dir"
  certificates "$dir" "$service_ip"
  [ -f "$dir/admin.token" ] || openssl rand -hex 24 >"$dir/admin.token"
  local token
  token=$(cat "$dir/admin.token")
  printf '%s,admin,admin,system:masters\n' "$token" >"$dir/tokens.csv"
  kubeconfig "$dir/kubeconfig" "$server" "$dir/ca.crt" "$token"

  # etcd is the one devtools/toolchain/etcd.sh builds: the API server's watch cache needs etcd's
  # progress requests (3.5), without which its watches end early and awaits never see the end.
  for bin in etcd kube-apiserver kube-controller-manager kube-scheduler kwok; do
    [ -x "$TOOLS_BIN/$bin" ] || fail "$bin is missing from $TOOLS_BIN (run devtools/toolchain/install.sh)"
  done

  if healthy; then
    log "$NAME is already up"
  else
    stop_cluster
    ports_free "$index"
    start etcd "$TOOLS_BIN/etcd" --name "$NAME" --data-dir "$dir/etcd" \
      --listen-client-urls "http://127.0.0.1:$etcd_client_port" --advertise-client-urls "http://127.0.0.1:$etcd_client_port" \
      --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
      --initial-cluster "$NAME=http://127.0.0.1:$etcd_peer_port" --quota-backend-bytes 536870912

    start apiserver "$TOOLS_BIN/kube-apiserver" \
      --etcd-servers "http://127.0.0.1:$etcd_client_port" --bind-address 127.0.0.1 --secure-port "$api_port" \
      --tls-cert-file "$dir/apiserver.crt" --tls-private-key-file "$dir/apiserver.key" --client-ca-file "$dir/ca.crt" \
      --service-cluster-ip-range "$service_range" --token-auth-file "$dir/tokens.csv" --authorization-mode RBAC \
      --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$dir/sa.pub" \
      --service-account-signing-key-file "$dir/sa.key" --api-audiences https://kubernetes.default.svc \
      --enable-priority-and-fairness=false --storage-backend etcd3

    local waited=0
    until kubectl --kubeconfig "$dir/kubeconfig" get --raw /readyz >/dev/null 2>&1; do
      running apiserver || fail "kube-apiserver of $NAME exited: $(tail -n 3 "$dir/apiserver.log")"
      [ "$waited" -lt 120 ] || fail "kube-apiserver of $NAME not ready after 120s; see $dir/apiserver.log"
      sleep 1
      waited=$((waited + 1))
    done

    start controller-manager "$TOOLS_BIN/kube-controller-manager" \
      --kubeconfig "$dir/kubeconfig" --bind-address 127.0.0.1 --secure-port "$kcm_port" --leader-elect=false \
      --service-account-private-key-file "$dir/sa.key" --root-ca-file "$dir/ca.crt" \
      --controllers serviceaccount-controller,serviceaccount-token-controller,namespace-controller,garbage-collector-controller,root-ca-certificate-publisher-controller,deployment-controller,replicaset-controller,endpoints-controller,endpointslice-controller

    # The default ServiceAccount appearing proves the controller manager is working.
    waited=0
    until kubectl --kubeconfig "$dir/kubeconfig" -n default get serviceaccount default >/dev/null 2>&1; do
      running controller-manager || fail "kube-controller-manager of $NAME exited: $(tail -n 3 "$dir/controller-manager.log")"
      [ "$waited" -lt 120 ] || fail "kube-controller-manager of $NAME not working after 120s; see $dir/controller-manager.log"
      sleep 1
      waited=$((waited + 1))
    done
    start scheduler "$TOOLS_BIN/kube-scheduler" \
      --kubeconfig "$dir/kubeconfig" --authentication-kubeconfig "$dir/kubeconfig" --authorization-kubeconfig "$dir/kubeconfig" \
      --bind-address 127.0.0.1 --secure-port "$scheduler_port" --leader-elect=false
    start kwok "$TOOLS_BIN/kwok" \
      --kubeconfig "$dir/kubeconfig" --config "$(dirname "$0")/kwok-stages.yaml" \
      --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
      --cidr "10.$((200 + index)).0.1/16" --node-ip 127.0.0.1 --server-address "127.0.0.1:$kwok_port"
  fi
  fake_node "$dir"
  log "$NAME is up at $server (kubeconfig: $dir/kubeconfig)"
}

# fake_node DIR: registers the node kwok manages and waits until kwok reports it Ready.
fake_node() {
  local dir=$1 waited=0
  kubectl --kubeconfig "$dir/kubeconfig" apply -f - >/dev/null <<NODE
apiVersion: v1
kind: Node
metadata:
  name: $NAME-node-0
  annotations: {kwok.x-k8s.io/node: fake}
  labels: {kubernetes.io/hostname: $NAME-node-0, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok}
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
NODE
  until [ "$(kubectl --kubeconfig "$dir/kubeconfig" get node "$NAME-node-0" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]; do
    running kwok || fail "kwok of $NAME exited: $(tail -n 3 "$dir/kwok.log")"
    [ "$waited" -lt 120 ] || fail "node $NAME-node-0 not Ready after 120s; see $dir/kwok.log"
    sleep 1
    waited=$((waited + 1))
  done
  # The API server taints a new node not-ready; the node lifecycle controller (not run here: no
  # kubelets to judge) lifts the taint once the node reports Ready, as kwok's node now does.
  kubectl --kubeconfig "$dir/kubeconfig" taint node "$NAME-node-0" node.kubernetes.io/not-ready:NoSchedule- >/dev/null 2>&1 || true
  [ -z "$(kubectl --kubeconfig "$dir/kubeconfig" get node "$NAME-node-0" -o jsonpath='{.spec.taints}')" ] ||
    fail "node $NAME-node-0 still has taints: pods would not be scheduled"
}

down() {
  local dir="$LOCAL_CLUSTERS_HOME/$NAME"
  stop_cluster
  [ -d "$dir" ] || { log "$NAME is not running"; return 0; }
  rm -rf "$dir"
  log "$NAME stopped and removed"
}

action=${1:-}
NAME=${2:-}
[[ "$NAME" =~ ^[a-z][a-z0-9-]{0,30}$ ]] || fail "usage: $(basename "$0") up NAME INDEX | down NAME (NAME: lower-case letters, digits, '-')"
case "$action" in
  up)
    [[ "${3:-}" =~ ^[1-9]$ ]] || fail "INDEX must be 1-9, got '${3:-}'"
    up "$3"
    ;;
  down) down ;;
  *) fail "usage: $(basename "$0") up NAME INDEX | down NAME" ;;
esac
