#!/usr/bin/env bash
# A Docker engine for the container images and the container tests, on a machine without systemd.
#   docker.sh ensure   install Debian's docker.io (with debootstrap and docker-compose) when missing,
#                      start dockerd when no engine answers, wait until it does
#   docker.sh stop     stop the engine, only when this script started it
#   docker.sh status
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PID_FILE="$RUN_DIR/dockerd.pid"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

install() {
  local missing=""
  [ -x /usr/sbin/dockerd ] || missing="$missing docker.io"
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing="$missing debootstrap"
  command -v docker-compose >/dev/null 2>&1 || missing="$missing docker-compose"
  [ -z "$missing" ] && return 0
  echo "installing from Debian's packages:$missing"
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >"$LOG_DIR/apt-docker.log" 2>&1 \
    || { as_root apt-get update -q >>"$LOG_DIR/apt-docker.log" 2>&1 \
         && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >>"$LOG_DIR/apt-docker.log" 2>&1; } \
    || die "installing$missing failed: see $LOG_DIR/apt-docker.log"
}

engine_up() { docker info >/dev/null 2>&1; }

ensure() {
  install
  engine_up && return 0
  echo "starting the Docker engine (dockerd, overlay2)"
  as_root bash -c "nohup /usr/sbin/dockerd --storage-driver=overlay2 >'$LOG_DIR/dockerd.log' 2>&1 & echo \$! >'$PID_FILE'"
  local i
  for i in $(seq 1 150); do engine_up && return 0; sleep 0.2; done
  tail -n 20 "$LOG_DIR/dockerd.log" >&2 || true
  die "the Docker engine did not start: see $LOG_DIR/dockerd.log"
}

stop() {
  [ -f "$PID_FILE" ] || return 0
  # containers the tests left behind go first, so the engine stops at once
  local left
  left="$(docker ps -q --filter label=org.testcontainers=true 2>/dev/null || true)"
  # shellcheck disable=SC2086
  [ -z "$left" ] || docker rm -f $left >/dev/null 2>&1 || true
  as_root kill "$(cat "$PID_FILE")" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do as_root kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break; sleep 0.2; done
  rm -f "$PID_FILE"
  echo "stopped the Docker engine"
}

case "${1:-}" in
  ensure) ensure ;;
  stop) stop ;;
  status) if engine_up; then echo "Docker engine running"; else echo "Docker engine stopped"; exit 1; fi ;;
  *) die "usage: docker.sh ensure|stop|status" ;;
esac
