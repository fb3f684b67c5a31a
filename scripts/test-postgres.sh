#!/usr/bin/env bash
# A PostgreSQL server of the system tests' own – its own data directory and port – so a test can stop
# and restart it without touching the machine's cluster or anything else using it.
#   test-postgres.sh start DIR PORT     initdb into DIR, start on 127.0.0.1:PORT, create role and database
#   test-postgres.sh restart DIR PORT   restart it (a fast shutdown, as an operator's restart)
#   test-postgres.sh stop DIR           stop it and delete DIR
# The role and database are the services' defaults for system tests: bright/bright, bright_systest.
set -euo pipefail
cmd="${1:?start|restart|stop}"
dir="${2:?data directory}"
port="${3:-}"

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bindir" ]; then
  bindir="$(dirname "$(command -v pg_ctl || echo /nonexistent/pg_ctl)")"
fi
[ -x "$bindir/initdb" ] || { echo "no PostgreSQL server binaries (initdb) found" >&2; exit 3; }

# PostgreSQL refuses to run as root: as root, run it as the postgres user
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$1"
  else
    bash -c "$1"
  fi
}

options="-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c fsync=off -c full_page_writes=off"

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "'$bindir/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --no-sync >'$dir/initdb.log' 2>&1"
    as_owner "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/postgres.log' -o '$options' -w -t 60 start >/dev/null"
    as_owner "'$bindir/psql' -h 127.0.0.1 -p $port -U postgres -d postgres -v ON_ERROR_STOP=1 -q" <<SQL
CREATE ROLE bright LOGIN PASSWORD 'bright';
CREATE DATABASE bright_systest OWNER bright;
SQL
    ;;
  restart)
    as_owner "'$bindir/pg_ctl' -D '$dir/data' -l '$dir/postgres.log' -o '$options' -m fast -w -t 60 restart >/dev/null"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "'$bindir/pg_ctl' -D '$dir/data' -m fast -w -t 60 stop >/dev/null" || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|restart|stop DIR [PORT]" >&2; exit 2 ;;
esac
