#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (127.0.0.1, a free port, trust auth, in a temporary folder), exports
# YIZHI_TEST_DATABASE_URL, runs the given command, then stops and deletes the cluster whatever the command did.
#   scripts/pg-test.sh npx vitest run test/store
# Needs Debian's postgresql package (apt-get install -y postgresql). As root the server runs as user postgres.
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: scripts/pg-test.sh COMMAND [ARG...]" >&2; exit 2; fi

bin=""
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  bin="$(dirname "$(command -v initdb)")"
else
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [ -x "$d/initdb" ]; then bin="$d"; break; fi
  done
fi
if [ -z "$bin" ]; then
  echo "pg-test: initdb/pg_ctl not found: install postgresql (apt-get install -y postgresql)" >&2
  exit 2
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/yizhi-pg-XXXXXX")"
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U yizhi --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null

export YIZHI_TEST_DATABASE_URL="postgres://yizhi@127.0.0.1:$port/postgres"
echo "pg-test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
