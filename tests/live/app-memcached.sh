#!/bin/sh
# shellcheck disable=SC2086 # $AS_MEMCACHE: a command prefix, split on purpose
# memcached's own cap, live: memcached from Debian's package with -c 500 as
# the memcache user in a private network namespace. check asks it (stats)
# and finds max_connections 500 with its connections in use; the printed
# fix, a restart with the -c it prints (run as printed, as the same user
# under the same limits), makes the next check of the new process pass.
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
need_cmd memcached
need_cmd prlimit
need_cmd setpriv
[ "$(id -u)" = 0 ] || skip "needs root to run memcached as its own user"
getent passwd memcache >/dev/null || skip "no memcache user"
need_netns

port=$(app_port)
# A command prefix, not a function: "$AS_MEMCACHE memcached &" must leave
# memcached's own pid in $! (prlimit and setpriv exec it).
AS_MEMCACHE="prlimit --nofile=4096:4096 setpriv --reuid=memcache --regid=memcache --clear-groups"
$AS_MEMCACHE memcached -l 127.0.0.1 -p "$port" -U 0 -c 500 -m 16 &
pid=$!
started "$pid"
up() {
	run check --pid "$1" --target 2000 --role server --format json
	[ -n "$(layer_field app.memcached.maxconns "$1" limit)" ] &&
		grep -q 'max_connections 500 in effect\|max_connections 2560 in effect' "$OUT"
}
wait_until 5 up "$pid" || fail "memcached not asked: $(layer app.memcached.maxconns "$pid")"
expect_eq "limit" "$(layer_field app.memcached.maxconns "$pid" limit)" 500
expect_eq "verdict" "$(layer_field app.memcached.maxconns "$pid" verdict)" fail
[ "$(layer_field app.memcached.maxconns "$pid" use)" -ge 1 ] || fail "no curr_connections"
# memcached sets its own fd limit to -c at start-up.
expect_grep '^Max open files +500 +500 ' "/proc/$pid/limits"
fix=$(fix_live app.memcached.maxconns "$pid")
echo "printed fix: $fix"
expect_eq "fix" "$fix" "restart it with -c 2560 (read only at start-up; it sets its fd limit to -c, so start it with a hard nofile >= 2560): memcached -l 127.0.0.1 -p $port -U 0 -m 16 -c 2560"
cmd=${fix#*: }
kill "$pid"
wait "$pid" 2>/dev/null || true
# shellcheck disable=SC2086 # the printed command line, split as a shell would
$AS_MEMCACHE $cmd &
new=$!
started "$new"
wait_until 5 up "$new" || fail "the restarted memcached not asked: $(layer app.memcached.maxconns "$new")"
expect_eq "limit after" "$(layer_field app.memcached.maxconns "$new" limit)" 2560
expect_eq "verdict after" "$(layer_field app.memcached.maxconns "$new" verdict)" ok
echo "ok: memcached's -c found and asked; the printed restart applied"
