#!/usr/bin/env bash
# Starts and stops the sandbox and the four services as processes, each with its own log and pid file.
#   services.sh start    start what is not running, then wait until every one is ready
#   services.sh stop     stop every one this script started
#   services.sh status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVICES="sandbox import-api record-validator sync-worker report-service"

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
  local svc="$1" port jar pid_file
  port="$(port_of "$svc")"
  jar="$ROOT/$svc/target/quarkus-app/quarkus-run.jar"
  pid_file="$RUN_DIR/$svc.pid"
  if pid_alive "$pid_file"; then return 0; fi
  [ -f "$jar" ] || die "$jar is missing: run ./bright build"
  if port_open 127.0.0.1 "$port" || port_open 127.0.0.1 $((port + 1000)); then
    die "port $port or $((port + 1000)) (management) for $svc is taken by another process: free it or set its port variable (see README)"
  fi
  # shellcheck disable=SC2086
  nohup java -Xmx"$(heap_of "$svc")" -XX:+UseG1GC ${SERVICE_JAVA_OPTS:-} -Dquarkus.http.port="$port" \
    -Dquarkus.management.port=$((port + 1000)) \
    -jar "$jar" >"$LOG_DIR/$svc.log" 2>&1 &
  echo $! > "$pid_file"
}

start() {
  local svc waited
  for svc in $SERVICES; do start_one "$svc"; done
  for svc in $SERVICES; do
    waited=0
    until ready "$(port_of "$svc")"; do
      if ! pid_alive "$RUN_DIR/$svc.pid"; then
        tail -n 40 "$LOG_DIR/$svc.log" >&2 || true
        die "$svc exited during start-up: see $LOG_DIR/$svc.log"
      fi
      waited=$((waited + 1))
      [ "$waited" -ge 600 ] && die "$svc is not ready after 120 s: see $LOG_DIR/$svc.log"
      sleep 0.2
    done
    echo "  $svc ready on port $(port_of "$svc")"
  done
}

stop() {
  local svc
  for svc in $SERVICES; do stop_pid "$RUN_DIR/$svc.pid" "$svc"; done
}

status() {
  local svc rc=0
  for svc in $SERVICES; do
    if pid_alive "$RUN_DIR/$svc.pid"; then
      if ready "$(port_of "$svc")"; then echo "$svc: ready (port $(port_of "$svc"))"; else echo "$svc: starting"; fi
    else
      echo "$svc: stopped"; rc=1
    fi
  done
  return $rc
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: services.sh start|stop|status" ;;
esac
