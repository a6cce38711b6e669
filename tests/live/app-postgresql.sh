#!/bin/sh
# shellcheck disable=SC2086 # $AS_PG: a command prefix, split on purpose
# PostgreSQL's own cap, live: a cluster made with initdb in the test's
# directory, max_connections 20 in its postgresql.conf, run as the postgres
# user in a private network namespace (unix socket only). check finds 20
# less 3 reserved for superusers, one client backend in use; the printed
# fix (the setting on the line it names, then the restart it prints) makes
# the next check of the new postmaster pass.
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || skip "PostgreSQL is not installed"
need_cmd setpriv
[ "$(id -u)" = 0 ] || skip "needs root to run PostgreSQL as its own user"
getent passwd postgres >/dev/null || skip "no postgres user"
need_netns

chmod 755 "$TEST_TMP"
d=$TEST_TMP/pg
mkdir -p "$d"
chown postgres "$d"
AS_PG="setpriv --reuid=postgres --regid=postgres --init-groups env PATH=$bin:$PATH"
$AS_PG initdb -D "$d/data" -A trust -U postgres >"$d/initdb.log" 2>&1 ||
	fail "initdb failed: $(tail -5 "$d/initdb.log")"
conf=$d/data/postgresql.conf
sed -i 's/^max_connections = [0-9]*/max_connections = 20/' "$conf"
line=$(grep -n '^max_connections = 20' "$conf" | cut -d: -f1)
$AS_PG postgres -D "$d/data" -k "$d" -c listen_addresses= >"$d/log" 2>&1 &
pid=$!
started "$pid"
wait_until 10 test -S "$d/.s.PGSQL.5432" || fail "postgres did not start: $(tail -5 "$d/log")"
$AS_PG psql -h "$d" -U postgres -Atc "select pg_sleep(30)" >/dev/null 2>&1 &
started $!
one_client() {
	run check --pid "$pid" --target 200 --role server --format json
	[ "$(layer_field app.postgresql.max_connections "$pid" use)" = 1 ]
}
wait_until 5 one_client || fail "no client backend counted: $(layer app.postgresql.max_connections "$pid")"
expect_eq "limit" "$(layer_field app.postgresql.max_connections "$pid" limit)" 17
expect_eq "verdict" "$(layer_field app.postgresql.max_connections "$pid" verdict)" fail
fix=$(fix_live app.postgresql.max_connections "$pid")
echo "printed fix: $fix"
expect_eq "fix" "$fix" "set max_connections = 259 in $conf:$line, then pg_ctl -D $d/data restart (read only at start)"
sed -i "${line}s/^max_connections = [0-9]*/max_connections = 259/" "$conf"
cmd=$(echo "$fix" | sed -n 's/.*, then \(pg_ctl .* restart\) (read.*/\1/p')
$AS_PG $cmd >"$d/restart.log" 2>&1 || fail "the printed restart failed: $(cat "$d/restart.log")"
new=$(head -n 1 "$d/data/postmaster.pid")
started "$new"
[ "$new" != "$pid" ] || fail "the postmaster did not restart"
run check --pid "$new" --target 200 --role server --format json
expect_eq "limit after" "$(layer_field app.postgresql.max_connections "$new" limit)" 256
expect_eq "verdict after" "$(layer_field app.postgresql.max_connections "$new" verdict)" ok
echo "ok: PostgreSQL's max_connections found; the printed fix applied"
