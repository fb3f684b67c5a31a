#!/usr/bin/env bash
# Makes PostgreSQL reachable and creates the role and databases the services use.
#   postgres.sh ensure   use the server on BRIGHT_DB_HOST:BRIGHT_DB_PORT, or start the machine's own
#   postgres.sh stop     stop the server, only if ensure started it
#   postgres.sh drop     drop the local stack's database (not the test databases); ensure makes it again
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STARTED_MARK="$RUN_DIR/postgres.started"
DATABASES="${BRIGHT_DATABASES:-$BRIGHT_DB_NAME bright_test}"

local_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters --no-header 2>/dev/null | awk -v p="$BRIGHT_DB_PORT" '$3 == p {print $1, $2; exit}'
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -c "$*"
  else
    sudo -n -u postgres bash -c "$*"
  fi
}

can_login() {
  PGPASSWORD="$BRIGHT_DB_PASSWORD" psql -h "$BRIGHT_DB_HOST" -p "$BRIGHT_DB_PORT" -U "$BRIGHT_DB_USER" \
    -d "$1" -tAc 'select 1' >/dev/null 2>&1
}

create_role_and_databases() {
  local missing=""
  for db in $DATABASES; do can_login "$db" || missing="$missing $db"; done
  [ -z "$missing" ] && return 0
  if ! as_postgres "psql -p $BRIGHT_DB_PORT -tAc 'select 1'" >/dev/null 2>&1; then
    die "PostgreSQL on $BRIGHT_DB_HOST:$BRIGHT_DB_PORT does not accept user '$BRIGHT_DB_USER' for:$missing.
Create them yourself (a role with a password that owns databases:$missing), or set BRIGHT_DB_* to an existing role."
  fi
  as_postgres "psql -p $BRIGHT_DB_PORT -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$BRIGHT_DB_USER') THEN
    CREATE ROLE "$BRIGHT_DB_USER" LOGIN PASSWORD '$BRIGHT_DB_PASSWORD';
  ELSE
    ALTER ROLE "$BRIGHT_DB_USER" LOGIN PASSWORD '$BRIGHT_DB_PASSWORD';
  END IF;
END \$\$;
SQL
  for db in $missing; do
    if ! as_postgres "psql -p $BRIGHT_DB_PORT -tAc \"select 1 from pg_database where datname = '$db'\"" | grep -q 1; then
      as_postgres "createdb -p $BRIGHT_DB_PORT -O '$BRIGHT_DB_USER' '$db'"
    fi
  done
  for db in $missing; do can_login "$db" || die "cannot log in to database '$db' as '$BRIGHT_DB_USER' over TCP"; done
}

ensure() {
  command -v psql >/dev/null 2>&1 || die "psql not found. Install PostgreSQL: apt-get install -y postgresql"
  if ! port_open "$BRIGHT_DB_HOST" "$BRIGHT_DB_PORT"; then
    local cluster
    cluster="$(local_cluster || true)"
    [ -n "$cluster" ] || die "No PostgreSQL on $BRIGHT_DB_HOST:$BRIGHT_DB_PORT and no local cluster on that port.
Install and create one: apt-get install -y postgresql (or point BRIGHT_DB_HOST/BRIGHT_DB_PORT at a server)."
    echo "starting PostgreSQL cluster $cluster"
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start
    touch "$STARTED_MARK"
    echo "$cluster" > "$STARTED_MARK"
    wait_port "$BRIGHT_DB_HOST" "$BRIGHT_DB_PORT" 60 || die "PostgreSQL did not open port $BRIGHT_DB_PORT"
  fi
  local i
  for i in $(seq 1 50); do
    pg_isready -q -h "$BRIGHT_DB_HOST" -p "$BRIGHT_DB_PORT" && break
    sleep 0.2
  done
  create_role_and_databases
}

stop() {
  if [ -f "$STARTED_MARK" ]; then
    # shellcheck disable=SC2046
    pg_ctlcluster $(cat "$STARTED_MARK") stop && echo "stopped PostgreSQL"
    rm -f "$STARTED_MARK"
  fi
}

drop() {
  ensure
  if ! PGPASSWORD="$BRIGHT_DB_PASSWORD" dropdb --if-exists -h "$BRIGHT_DB_HOST" -p "$BRIGHT_DB_PORT" \
      -U "$BRIGHT_DB_USER" "$BRIGHT_DB_NAME" 2>/dev/null; then
    as_postgres "dropdb --if-exists -p $BRIGHT_DB_PORT '$BRIGHT_DB_NAME'" || die "cannot drop database '$BRIGHT_DB_NAME'"
  fi
  echo "dropped database $BRIGHT_DB_NAME"
}

case "${1:-}" in
  ensure) ensure ;;
  stop) stop ;;
  drop) drop ;;
  *) die "usage: postgres.sh ensure|stop|drop" ;;
esac
