#!/usr/bin/env bash
# Starts and stops the sandbox and the four services as processes, each with its own log and pid file.
#   services.sh start    start what is not running, then wait until every one is ready
#   services.sh stop     stop every one this script started
#   services.sh status
#   services.sh restart SERVICE   stop every instance of SERVICE, then start it again with the environment
#                                 of this call (the bench restarts import-api with another IMPORT_MAX_IN_FLIGHT)
# BRIGHT_INSTANCES=N (./bright up --instances N) starts N instances of each of the four services: instance n
# is named SERVICE-n (log and pid file) and listens on the service's port + 100 * (n - 1); they share the
# work through their consumer groups. The sandbox (BrightManager and BrightClient) stays one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVICES="sandbox import-api record-validator sync-worker report-service"
INSTANCES="${BRIGHT_INSTANCES:-1}"
[[ "$INSTANCES" =~ ^[1-9]$ ]] || die "BRIGHT_INSTANCES (--instances) must be 1 to 9, not '$INSTANCES'"

# every process to run: NAME:SERVICE:PORT
processes() {
  local svc n
  for svc in $SERVICES; do
    echo "$svc:$svc:$(port_of "$svc")"
    [ "$svc" = sandbox ] && continue
    for n in $(seq 2 "$INSTANCES"); do
      echo "$svc-$n:$svc:$(($(port_of "$svc") + 100 * (n - 1)))"
    done
  done
}

# the processes started earlier, whatever BRIGHT_INSTANCES says now (their pid files)
started() {
  local f name
  for f in "$RUN_DIR"/*.pid; do
    [ -e "$f" ] || continue
    name="$(basename "$f" .pid)"
    case "$name" in
      sandbox|import-api*|record-validator*|sync-worker*|report-service*) echo "$name" ;;
    esac
  done
}

port_of() {
  case "$1" in
    sandbox) echo "$SANDBOX_PORT" ;;
    import-api) echo "$IMPORT_API_PORT" ;;
    record-validator) echo "$RECORD_VALIDATOR_PORT" ;;
    sync-worker) echo "$SYNC_WORKER_PORT" ;;
    report-service) echo "$REPORT_SERVICE_PORT" ;;
  esac
}

heap_of() {
  case "$1" in
    report-service) echo "${REPORT_SERVICE_HEAP:-256m}" ;;
    *) echo "${SERVICE_HEAP:-512m}" ;;
  esac
}

# health is on the management interface: the service's port + 1000
ready() {
  curl -fs -o /dev/null --max-time 2 "http://localhost:$(($1 + 1000))/q/health/ready"
}

start_one() {
  local name="$1" svc="$2" port="$3" jar pid_file
  jar="$ROOT/$svc/target/quarkus-app/quarkus-run.jar"
  pid_file="$RUN_DIR/$name.pid"
  if pid_alive "$pid_file"; then return 0; fi
  [ -f "$jar" ] || die "$jar is missing: run ./bright build"
  if port_open 127.0.0.1 "$port" || port_open 127.0.0.1 $((port + 1000)); then
    die "port $port or $((port + 1000)) (management) for $name is taken by another process: free it or set its port variable (see README)"
  fi
  # shellcheck disable=SC2086
  nohup java -Xmx"$(heap_of "$svc")" -XX:+UseG1GC ${SERVICE_JAVA_OPTS:-} -Dquarkus.http.port="$port" \
    -Dquarkus.management.port=$((port + 1000)) \
    -jar "$jar" >"$LOG_DIR/$name.log" 2>&1 &
  echo $! > "$pid_file"
}

start() {
  local p name svc port waited
  for p in $(processes); do IFS=: read -r name svc port <<<"$p"; start_one "$name" "$svc" "$port"; done
  for p in $(processes); do
    IFS=: read -r name svc port <<<"$p"
    waited=0
    until ready "$port"; do
      if ! pid_alive "$RUN_DIR/$name.pid"; then
        tail -n 40 "$LOG_DIR/$name.log" >&2 || true
        die "$name exited during start-up: see $LOG_DIR/$name.log"
      fi
      waited=$((waited + 1))
      [ "$waited" -ge 600 ] && die "$name is not ready after 120 s: see $LOG_DIR/$name.log"
      sleep 0.2
    done
    echo "  $name ready on port $port"
  done
}

stop() {
  local name
  for name in $(started); do stop_pid "$RUN_DIR/$name.pid" "$name"; done
}

restart() {
  local svc="$1" name
  case " $SERVICES " in *" $svc "*) ;; *) die "restart: no service '$svc' (one of: $SERVICES)" ;; esac
  for name in $(started); do
    case "$name" in "$svc"|"$svc"-[0-9]) stop_pid "$RUN_DIR/$name.pid" "$name" ;; esac
  done
  start
}

status() {
  local p name svc port rc=0
  for p in $(processes); do
    IFS=: read -r name svc port <<<"$p"
    if pid_alive "$RUN_DIR/$name.pid"; then
      if ready "$port"; then echo "$name: ready (port $port)"; else echo "$name: starting"; fi
    else
      echo "$name: stopped"; rc=1
    fi
  done
  return $rc
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) [ $# -eq 2 ] || die "usage: services.sh restart SERVICE"; restart "$2" ;;
  *) die "usage: services.sh start|stop|status|restart SERVICE" ;;
esac
