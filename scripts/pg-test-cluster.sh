#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temp folder, listening only on a Unix
# socket in that folder (no TCP port), C collation so text sorts as in SQLite.
#   start: prints the URL to put in ASUHAN_TEST_DATABASE_URL; stop <dir>: stops it and deletes the folder.
set -euo pipefail
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/initdb" ] || { echo "pg-test-cluster: no PostgreSQL found (apt-get install postgresql)" >&2; exit 1; }

# initdb refuses to run as root; the Debian package's postgres user owns the cluster then.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/asuhan-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U asuhan --auth=trust --no-locale -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://asuhan@localhost/postgres?host=$dir"
    ;;
  stop)
    dir=${2:?usage: pg-test-cluster.sh stop <dir>}
    case "$dir" in /tmp/asuhan-pg.*) ;; *) echo "pg-test-cluster: not a test cluster: $dir" >&2; exit 1 ;; esac
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg-test-cluster.sh start | stop <dir>" >&2; exit 2 ;;
esac
