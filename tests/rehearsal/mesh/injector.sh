#!/usr/bin/env bash
# Starts or stops the rehearsal's Istio sidecar injection webhook server (injector.py) for one run.
#   injector.sh start   a fresh self-signed CA and a serving certificate for 127.0.0.1 under
#                       $REHEARSAL_HOME/clouds/mesh/injector/, then the server in the background (its pid
#                       in pid there, its port in port); a server that already runs is left as it is.
#   injector.sh stop    stops the server of this run (its pid file) and removes its key material.
#   injector.sh status  exits 0 when it runs.
set -euo pipefail
umask 077

log() { printf '[injector] %s\n' "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

[ -n "${REHEARSAL_HOME:-}" ] || fail "REHEARSAL_HOME is not set: the injector belongs to one rehearsal run"
DIR="$REHEARSAL_HOME/clouds/mesh/injector"
HERE=$(cd "$(dirname "$0")" && pwd)

running() { [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; }

certificates() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=rehearsal-mesh-injector-ca" \
    -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$DIR/tls.key" -out "$DIR/tls.csr" 2>/dev/null
  # The API server checks the webhook's address against the certificate's subjectAltName.
  printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$DIR/san.ext"
  openssl x509 -req -in "$DIR/tls.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -days 2 \
    -extfile "$DIR/san.ext" -out "$DIR/tls.crt" 2>/dev/null
  rm -f "$DIR/ca.key" "$DIR/tls.csr" "$DIR/san.ext" "$DIR/ca.srl"
}

start() {
  if running; then return 0; fi
  mkdir -p "$DIR"
  rm -f "$DIR/port"
  certificates
  nohup "${PYTHON:-python3}" "$HERE/injector.py" serve "$DIR" >"$DIR/injector.log" 2>&1 &
  echo $! >"$DIR/pid"
  local waited=0
  until [ -s "$DIR/port" ]; do
    running || fail "the injector exited: $(tail -n 3 "$DIR/injector.log")"
    [ "$waited" -lt 100 ] || fail "the injector did not start in 10s; see $DIR/injector.log"
    sleep 0.1
    waited=$((waited + 1))
  done
  log "serving on https://127.0.0.1:$(cat "$DIR/port") (pid $(cat "$DIR/pid"))"
}

stop() {
  if running; then
    local pid
    pid=$(cat "$DIR/pid")
    kill "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$DIR/pid" "$DIR/port" "$DIR/tls.key" "$DIR/tls.crt"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running ;;
  *) fail "usage: $(basename "$0") start|stop|status" ;;
esac
