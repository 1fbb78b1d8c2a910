# Sourced by .ci/run (and usable by hand): starts a throw-away PostgreSQL cluster for the tests
# of the shared-workspace path and exports PLANNER_TEST_POSTGRES_URL. Stopped on exit.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "postgres.sh: no PostgreSQL server installed (apt-get install postgresql)" >&2
  return 1
fi
pg_dir=$(mktemp -d /tmp/planner-pg.XXXXXX)
chown postgres "$pg_dir"
pg_port=${PLANNER_TEST_POSTGRES_PORT:-54329}
su postgres -s /bin/sh -c "'$pg_bin/initdb' -D '$pg_dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w \
  -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE planner_test" >/dev/null
export PLANNER_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$pg_port/planner_test"
stop_postgres() {
  su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
