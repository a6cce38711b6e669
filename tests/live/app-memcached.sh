#!/bin/sh
# shellcheck disable=SC2086 # $AS_MEMCACHE: a command prefix, split on purpose
# memcached's own cap, live: memcached from Debian's package with -c 500 as
# the memcache user in a private network namespace. check asks it (stats)
# and finds max_connections 500 with its connections in use; the printed
# fix, a restart with the -c it prints under headroom exec as memcache,
# run as printed, makes the next check of the new process pass.
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
expect_eq "fix" "$fix" "kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; cd '$PWD' && headroom exec --nofile 2560 -- setpriv --reuid=$(id -u memcache) --regid=$(id -g memcache) --init-groups memcached -l 127.0.0.1 -p $port -U 0 -m 16 -c 2560  (-c is read only at start-up: a restart; it sets its fd limit to -c)"
# Run as printed (it runs memcached in the foreground: in the background),
# without CAP_SYS_RESOURCE, as root lacks it in a container.
mkdir "$TEST_TMP/bin"
ln -s "$HEADROOM" "$TEST_TMP/bin/headroom"
export PATH="$TEST_TMP/bin:$PATH"
setpriv --bounding-set=-sys_resource -- sh -c "${fix%%  (-c is read*}" >"$TEST_TMP/restart" 2>&1 &
started $!
new=
listener() { ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\),.*/\1/p' | head -n 1; }
restarted() { gone "$pid" && new=$(listener) && [ -n "$new" ] && [ "$new" != "$pid" ]; }
wait_until 10 restarted || fail "the printed restart did not bring memcached back: $(cat "$TEST_TMP/restart")"
started "$new"
expect_eq "owner of the restarted memcached" "$(stat -c %U "/proc/$new")" memcache
wait_until 5 up "$new" || fail "the restarted memcached not asked: $(layer app.memcached.maxconns "$new")"
expect_eq "limit after" "$(layer_field app.memcached.maxconns "$new" limit)" 2560
expect_eq "verdict after" "$(layer_field app.memcached.maxconns "$new" verdict)" ok
echo "ok: memcached's -c found and asked; the printed restart applied"
