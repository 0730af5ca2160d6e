#!/usr/bin/env bash
# Smoke test of the control plane that scripts/control-plane.sh builds, on loopback only: the
# sequence a Java test fixture replicates.
#
#   bash scripts/control-plane-smoke.sh [BIN_DIR]     # BIN_DIR defaults to control-plane.sh's output
#
#  1. etcd: one member, data in a temp dir, --unsafe-no-fsync, client and peer URLs on 127.0.0.1
#     with free ports; waits for /health.
#  2. kube-apiserver on 127.0.0.1 with a free --secure-port and a self-signed serving cert in a temp
#     --cert-dir; a static --token-auth-file (one token in system:masters), service-account keys made
#     with openssl, --endpoint-reconciler-type=none (no endpoints for the "kubernetes" service);
#     waits for /readyz and prints how long that took.
#  3. kubectl version and kubectl get ns with --server/--token/--insecure-skip-tls-verify.
#  4. kube-controller-manager with --controllers=garbagecollector,namespace and a kubeconfig
#     holding the same token; waits for its /healthz, then proves the namespace controller works:
#     a namespace that is deleted must disappear (without the controller it stays Terminating).
#  5. Stops exactly the processes it started (TERM, then KILL after 10 s) and deletes the temp dir,
#     also on failure or interrupt.
# Every wait is bounded; the whole run takes ~15-30 s. Ends with "smoke: OK", or exits non-zero
# with "smoke: FAILED: <step>" and the tail of that process's log. Needs curl and openssl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-}"
if [[ -z "$BIN" ]]; then BIN="$(bash "$ROOT/scripts/control-plane.sh")"; fi

say() { echo "smoke: $*"; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/control-plane-smoke.XXXXXX")"
PIDS=()     # kcm, apiserver, etcd are stopped in the reverse order of their start
NAMES=()
cleanup() {
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[$i]}"
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "smoke: ${NAMES[$i]} (pid $pid) ignored TERM for 10 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "smoke: interrupted" >&2; exit 130' INT TERM
fail() { # fail STEP [LOG]
  echo "smoke: FAILED: $1" >&2
  if [[ -n "${2:-}" && -f "$2" ]]; then echo "--- last lines of $2:" >&2; tail -n 25 "$2" >&2; fi
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for b in etcd kube-apiserver kube-controller-manager kubectl; do
  [[ -x "$BIN/$b" ]] || fail "binaries: $BIN/$b is missing (run scripts/control-plane.sh)"
done
for t in curl openssl; do command -v "$t" >/dev/null 2>&1 || fail "tools: $t is not on PATH"; done

# A port nothing listens on now, from the range outside Linux's ephemeral ports, not yet handed out
# by this run. (A Java fixture binds a ServerSocket on port 0 instead.)
USED_PORTS=" "
free_port() { # free_port VAR
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 12000))
    [[ "$USED_PORTS" == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then USED_PORTS+="$p "; printf -v "$1" %s "$p"; return 0; fi
  done
  fail "ports: no free port found on 127.0.0.1"
}
# wait_for SECONDS PID LOG CMD...: polls CMD every 0.2 s until it succeeds; fails if PID exits first.
wait_for() {
  local secs="$1" pid="$2" logf="$3" deadline; shift 3
  deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || return 2
    (( $(date +%s) < deadline )) || return 1
    sleep 0.2
  done
}
start() { # start NAME LOG CMD...: starts CMD in the background and records its pid
  local name="$1" logf="$2"; shift 2
  "$@" >"$logf" 2>&1 &
  PIDS+=("$!"); NAMES+=("$name")
  say "started $name (pid $!)"
}

say "binaries in $BIN"
etcd_version="$("$BIN/etcd" --version)" || fail "etcd --version"
say "etcd: ${etcd_version%%$'\n'*}"
say "kube-apiserver: $("$BIN/kube-apiserver" --version)"
say "kube-controller-manager: $("$BIN/kube-controller-manager" --version)"

# --- 1. etcd -------------------------------------------------------------------------------------
free_port ETCD_CLIENT; free_port ETCD_PEER
t0=$(now)
start etcd "$TMP/etcd.log" "$BIN/etcd" --name smoke --data-dir "$TMP/etcd" --unsafe-no-fsync \
  --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster "smoke=http://127.0.0.1:$ETCD_PEER" --initial-cluster-state new --log-level warn
# (curl's output is captured, not piped into grep -q: under pipefail that races with SIGPIPE)
etcd_healthy() { [[ "$(curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_CLIENT/health")" == *'"health":"true"'* ]]; }
wait_for 20 "${PIDS[-1]}" "$TMP/etcd.log" etcd_healthy || fail "etcd: not healthy within 20 s" "$TMP/etcd.log"
say "etcd healthy on 127.0.0.1:$ETCD_CLIENT after $(since "$t0") s"

# --- 2. kube-apiserver ---------------------------------------------------------------------------
TOKEN="$(openssl rand -hex 24)"
echo "$TOKEN,smoke-admin,smoke-admin-uid,system:masters" > "$TMP/tokens.csv"
openssl genrsa -out "$TMP/sa.key" 2048 2>/dev/null || fail "keys: openssl genrsa"
openssl rsa -in "$TMP/sa.key" -pubout -out "$TMP/sa.pub" 2>/dev/null || fail "keys: openssl rsa -pubout"
free_port API_PORT
t0=$(now)
start kube-apiserver "$TMP/kube-apiserver.log" "$BIN/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_CLIENT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
  --cert-dir "$TMP/apiserver-certs" \
  --token-auth-file "$TMP/tokens.csv" --authorization-mode RBAC \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$TMP/sa.pub" --service-account-signing-key-file "$TMP/sa.key" \
  --service-cluster-ip-range 10.0.0.0/24 --endpoint-reconciler-type none --profiling=false
API="https://127.0.0.1:$API_PORT"
api_ready() { [[ "$(curl -ksfS --max-time 2 -H "Authorization: Bearer $TOKEN" "$API/readyz")" == ok ]]; }
rc=0; wait_for 90 "${PIDS[-1]}" "$TMP/kube-apiserver.log" api_ready || rc=$?
(( rc == 0 )) || fail "kube-apiserver: $( ((rc == 2)) && echo exited || echo 'not ready within 90 s') before /readyz said ok" \
  "$TMP/kube-apiserver.log"
say "kube-apiserver /readyz ok on $API after $(since "$t0") s"

# --- 3. kubectl ----------------------------------------------------------------------------------
KUBECTL=("$BIN/kubectl" --server "$API" --token "$TOKEN" --insecure-skip-tls-verify --request-timeout 10s)
"${KUBECTL[@]}" version > "$TMP/kubectl-version.txt" 2>&1 || fail "kubectl version" "$TMP/kubectl-version.txt"
sed 's/^/smoke: kubectl version: /' "$TMP/kubectl-version.txt"
"${KUBECTL[@]}" get ns > "$TMP/kubectl-get-ns.txt" 2>&1 || fail "kubectl get ns" "$TMP/kubectl-get-ns.txt"
sed 's/^/smoke: kubectl get ns: /' "$TMP/kubectl-get-ns.txt"
grep -q '^default ' "$TMP/kubectl-get-ns.txt" || fail "kubectl get ns: no 'default' namespace" "$TMP/kubectl-get-ns.txt"

# --- 4. kube-controller-manager ------------------------------------------------------------------
cat > "$TMP/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: smoke
  cluster:
    server: $API
    insecure-skip-tls-verify: true
users:
- name: smoke-admin
  user:
    token: $TOKEN
contexts:
- name: smoke
  context: {cluster: smoke, user: smoke-admin}
current-context: smoke
EOF
free_port KCM_PORT
t0=$(now)
start kube-controller-manager "$TMP/kube-controller-manager.log" "$BIN/kube-controller-manager" \
  --kubeconfig "$TMP/kubeconfig" --controllers garbagecollector,namespace --leader-elect=false \
  --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --cert-dir "$TMP/kcm-certs" --profiling=false
kcm_healthy() { [[ "$(curl -ksfS --max-time 2 "https://127.0.0.1:$KCM_PORT/healthz")" == ok ]]; }
rc=0; wait_for 60 "${PIDS[-1]}" "$TMP/kube-controller-manager.log" kcm_healthy || rc=$?
(( rc == 0 )) || fail "kube-controller-manager: $( ((rc == 2)) && echo exited || echo 'not healthy within 60 s') before /healthz said ok" \
  "$TMP/kube-controller-manager.log"
say "kube-controller-manager /healthz ok on 127.0.0.1:$KCM_PORT after $(since "$t0") s"

"${KUBECTL[@]}" create namespace smoke-ns >/dev/null 2>"$TMP/ns.err" || fail "kubectl create namespace" "$TMP/ns.err"
"${KUBECTL[@]}" create configmap smoke-cm -n smoke-ns --from-literal k=v >/dev/null 2>"$TMP/ns.err" \
  || fail "kubectl create configmap" "$TMP/ns.err"
t0=$(now)
"${KUBECTL[@]}" delete namespace smoke-ns --wait=false >/dev/null 2>"$TMP/ns.err" || fail "kubectl delete namespace" "$TMP/ns.err"
ns_gone() { ! "${KUBECTL[@]}" get namespace smoke-ns >/dev/null 2>&1; }
wait_for 60 "${PIDS[-1]}" "$TMP/kube-controller-manager.log" ns_gone \
  || fail "namespace controller: smoke-ns (with a configmap) still there 60 s after its deletion" \
       "$TMP/kube-controller-manager.log"
say "namespace controller removed namespace smoke-ns and its configmap in $(since "$t0") s"
say "OK"
