#!/usr/bin/env bash
# Shared settings and helpers for the bright scripts. Every value can be overridden by the environment.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export BRIGHT_DATA_DIR="${BRIGHT_DATA_DIR:-$ROOT/.local}"
RUN_DIR="$BRIGHT_DATA_DIR/run"
LOG_DIR="$BRIGHT_DATA_DIR/logs"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DIR="${KAFKA_DIR:-$BRIGHT_DATA_DIR/kafka}"
KAFKA_LIB_DIR="${KAFKA_LIB_DIR:-$BRIGHT_DATA_DIR/kafka-lib}"
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-localhost:$KAFKA_PORT}"

# Kafka with SASL_SSL (SCRAM-SHA-512 over TLS): ./bright up --secure-kafka sets KAFKA_SECURE=true. A broker
# started so marks its KAFKA_DIR while it runs, so every later command (a plain up, dlq, bench) talks to it the
# same way; stopping it (./bright down) forgets it. Dev credentials, for the local stack only.
KAFKA_SECURE_MARK="$KAFKA_DIR/broker.secure"
if [ -z "${KAFKA_SECURE:-}" ]; then
  if [ -f "$KAFKA_SECURE_MARK" ]; then KAFKA_SECURE=true; else KAFKA_SECURE=false; fi
fi
KAFKA_TLS_DIR="$KAFKA_DIR/tls"
KAFKA_TLS_PASSWORD="${KAFKA_TLS_PASSWORD:-bright-dev-tls}"
KAFKA_DEV_USER="${KAFKA_SASL_USERNAME:-bright}"
KAFKA_DEV_PASSWORD="${KAFKA_SASL_PASSWORD:-bright-dev-kafka}"

# With KAFKA_SECURE=true, exports what a client needs for the local broker; the services (scripts/services.sh),
# ./bright dlq and the bench read these variables.
kafka_client_env() {
  [ "$KAFKA_SECURE" = true ] || return 0
  export KAFKA_SECURITY_PROTOCOL=SASL_SSL KAFKA_SASL_MECHANISM=SCRAM-SHA-512
  export KAFKA_SASL_USERNAME="$KAFKA_DEV_USER" KAFKA_SASL_PASSWORD="$KAFKA_DEV_PASSWORD"
  export KAFKA_SSL_TRUSTSTORE_LOCATION="$KAFKA_TLS_DIR/truststore.p12" KAFKA_SSL_TRUSTSTORE_TYPE=PKCS12
  export KAFKA_SSL_TRUSTSTORE_PASSWORD="$KAFKA_TLS_PASSWORD"
}
kafka_client_env

export BRIGHT_DB_HOST="${BRIGHT_DB_HOST:-127.0.0.1}"
export BRIGHT_DB_PORT="${BRIGHT_DB_PORT:-5432}"
export BRIGHT_DB_NAME="${BRIGHT_DB_NAME:-bright}"
export BRIGHT_DB_USER="${BRIGHT_DB_USER:-bright}"
export BRIGHT_DB_PASSWORD="${BRIGHT_DB_PASSWORD:-bright}"
# the local stack's token key, set explicitly: the services have no production default for it
export BRIGHT_JWT_PUBLIC_KEY="${BRIGHT_JWT_PUBLIC_KEY:-dev-jwt/publicKey.pem}"

IMPORT_API_PORT="${IMPORT_API_PORT:-8081}"
RECORD_VALIDATOR_PORT="${RECORD_VALIDATOR_PORT:-8082}"
SYNC_WORKER_PORT="${SYNC_WORKER_PORT:-8083}"
REPORT_SERVICE_PORT="${REPORT_SERVICE_PORT:-8084}"
SANDBOX_PORT="${SANDBOX_PORT:-8089}"
export BRIGHTMANAGER_URL="${BRIGHTMANAGER_URL:-http://localhost:$SANDBOX_PORT}"
export BRIGHTCLIENT_URL="${BRIGHTCLIENT_URL:-http://localhost:$SANDBOX_PORT}"
# the pages (/ui): the local stack's dev sign-in signs sessions with the dev key (never set in production: a
# service verifying another key refuses to start with it), each service's pages, and a client's file in BrightManager
export BRIGHT_DEV_SIGNIN_KEY="${BRIGHT_DEV_SIGNIN_KEY:-$ROOT/devtools/src/main/resources/dev-jwt/privateKey.pem}"
export BRIGHT_UI_IMPORT_API_URL="${BRIGHT_UI_IMPORT_API_URL:-http://localhost:$IMPORT_API_PORT}"
export BRIGHT_UI_REPORT_URL="${BRIGHT_UI_REPORT_URL:-http://localhost:$REPORT_SERVICE_PORT}"
# (the template's braces would end a ${VAR:-default}: the default is a variable of its own)
BRIGHTMANAGER_CLIENT_TEMPLATE="http://localhost:$SANDBOX_PORT/brightmanager/accounts/{accountId}/clients/{clientId}"
export BRIGHTMANAGER_CLIENT_URL="${BRIGHTMANAGER_CLIENT_URL:-$BRIGHTMANAGER_CLIENT_TEMPLATE}"

MVN="${MVN:-mvn}"
MVN_FLAGS="${MVN_FLAGS:--B -q}"

mkdir -p "$RUN_DIR" "$LOG_DIR"

say() { printf '\033[1m%s\033[0m\n' "$*"; }
warn() { printf 'bright: %s\n' "$*" >&2; }
die() { warn "$*"; exit 1; }

# True when something accepts TCP connections on host:port.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && exec 3>&- 3<&-
}

# True when the process in the pid file is alive.
pid_alive() {
  local f="$1"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# Waits up to $3 seconds for host:port to accept connections.
wait_port() {
  local host="$1" port="$2" secs="${3:-60}" i=0
  while ! port_open "$host" "$port"; do
    i=$((i + 1))
    [ "$i" -ge $((secs * 5)) ] && return 1
    sleep 0.2
  done
}

# Stops the process in a pid file: TERM, then KILL after a grace period.
stop_pid() {
  local f="$1" name="$2" pid i
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    echo "stopped $name"
  fi
  rm -f "$f"
}
