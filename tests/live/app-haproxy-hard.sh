#!/bin/sh
# HAProxy past its hard nofile, live: haproxy from Debian's package in
# master-worker mode (-W) with ulimit-n 4096 and maxconn 2000 (no
# strict-limits) under nofile 1024:1024, without CAP_SYS_RESOURCE, in a
# private network namespace. Its setrlimit to ulimit-n fails and it runs
# with 1,024 fds: check counts those, not the ulimit-n it asked for, and the
# printed fix is a restart under headroom exec with the setting edited. Its
# reload, kill -USR2, re-executes the master under the same hard limit: the
# test does it and the check still fails. With the restart run as printed
# the new process has the fds it asks for, the next check passes and ab's
# 1400 concurrent requests all succeed. (Without -W the
# reload is a -sf takeover that gets the shell's limit:
# tests/live/app-haproxy.sh runs that one.)
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
need_cmd haproxy
need_cmd prlimit
need_cmd setpriv
need_cmd ab
need_netns

d=$TEST_TMP/haproxy
port=$(app_port)
mkdir -p "$d"
haproxy_conf "$d/haproxy.cfg" "$port" "maxconn 2000" "ulimit-n 4096" "no strict-limits"
cd "$d" || fail "no $d"
# Without CAP_SYS_RESOURCE (as root lacks it in a container): HAProxy
# cannot lift its hard limit itself.
NOCAP="setpriv --bounding-set=-sys_resource --inh-caps=-sys_resource --"
$NOCAP prlimit --nofile=1024:1024 haproxy -W -db -f haproxy.cfg >"$d/log" 2>&1 &
pid=$!
started "$pid"
wait_until 5 grep -q "Cannot raise FD limit to 4096" "$d/log" || fail "haproxy did not warn: $(cat "$d/log")"
expect_grep '^Max open files +1024 +1024 ' "/proc/$pid/limits"
run check --pid "$pid" --target 1500 --role server --format json
before=$(layer_field app.haproxy.maxconn "$pid" limit)
echo "before: app.haproxy.maxconn limit $before, verdict $(layer_field app.haproxy.maxconn "$pid" verdict)"
[ "$before" -lt 1000 ] || fail "it counts the ulimit-n it could not get: $before"
expect_eq "verdict" "$(layer_field app.haproxy.maxconn "$pid" verdict)" fail
expect_grep '"id":"app.haproxy.maxconn".*but pid '"$pid"' has 1024 fds' "$OUT"
# The fds it needs, as HAProxy itself reckons them.
expect_grep 'FD limit \(1024\) too low for maxconn=2000/maxsock=4028' "$d/log"
expect_grep '"id":"app.haproxy.maxconn".*FD limit \(1024\) too low for maxconn=2000 \(about 4028 fds\)' "$OUT"
fix=$(fix_live app.haproxy.maxconn "$pid")
echo "printed fix: $fix"
expect_eq "fix" "$fix" "set maxconn 2048 and ulimit-n 4352 in $d/haproxy.cfg:2, then start it again under that hard limit: kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; cd '$d' && headroom exec --nofile 4352 -- haproxy -W -db -f haproxy.cfg  (a restart: its hard limit 1024 and no CAP_SYS_RESOURCE: HAProxy's own setrlimit cannot pass it, and a reload keeps it: kill -USR2 re-executes the master under it)"
# The nofile rows of the pid restart it with at least its ulimit-n.
expect_grep '"id":"nofile.hard".*"pid":'"$pid"'.*headroom exec --nofile 4096 -- haproxy' "$OUT"

# Apply it as printed: the settings on the line it names, then the line
# (in the background: it runs HAProxy in the foreground as before), still
# without CAP_SYS_RESOURCE.
sed -i -e '2s/.*/    maxconn 2048/' -e '3s/.*/    ulimit-n 4352/' "$d/haproxy.cfg"
# What the fix says a reload does: kill -USR2 re-executes the master
# under the same hard limit, and its setrlimit to the new ulimit-n fails.
kill -USR2 "$pid"
wait_until 10 grep -q "Cannot raise FD limit to 4352" "$d/log" ||
	fail "the reload did not try ulimit-n 4352: $(cat "$d/log")"
expect_grep '^Max open files +1024 +1024 ' "/proc/$pid/limits"
echo "kill -USR2 after the edit: $(grep 'Cannot raise FD limit to 4352' "$d/log" | head -n 1)"
run check --pid "$pid" --target 1500 --role server --format json
expect_eq "verdict after the reload" "$(layer_field app.haproxy.maxconn "$pid" verdict)" fail
line=$(echo "$fix" | sed -n 's/.*hard limit: \(kill .*\)  (a restart.*/\1/p')
[ -n "$line" ] || fail "no command line in the fix"
mkdir "$TEST_TMP/bin"
ln -s "$HEADROOM" "$TEST_TMP/bin/headroom"
export PATH="$TEST_TMP/bin:$PATH"
# The old master's workers: the kill in the line ends the master, and a
# worker may still hold the port a moment after it (orphaned, its parent is
# then whatever reaps it), so the new master is only found once they are gone.
old_workers=$(pgrep -P "$pid" | tr '\n' ' ')
$NOCAP sh -c "$line" >"$d/restart" 2>&1 &
started $!
new=
# The new master: the haproxy parent of a process that listens.
listeners() { ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2; }
master() {
	for w in $(listeners); do
		m=$(cut -d' ' -f4 "/proc/$w/stat" 2>/dev/null) || continue
		[ "$(cat "/proc/$m/comm" 2>/dev/null)" = haproxy ] && echo "$m" && return 0
	done
	return 1
}
all_gone() { for p in "$@"; do gone "$p" || return 1; done; }
restarted() { gone "$pid" && all_gone $old_workers && new=$(master) && [ "$new" != "$pid" ]; }
wait_until 10 restarted || fail "the printed restart did not bring haproxy back: $(cat "$d/restart")"
started "$new"
# HAProxy set its soft limit to ulimit-n; the hard one is headroom exec's
# (or the higher one it inherited: exec does not lower it).
expect_grep '^Max open files +4352 +[0-9]+ ' "/proc/$new/limits"
hard=$(sed -n 's/^Max open files  *[0-9]*  *\([0-9]*\) .*/\1/p' "/proc/$new/limits")
[ "$hard" -ge 4352 ] || fail "its hard limit $hard is below 4352"
if grep -q "Cannot raise FD limit" "$d/restart"; then fail "it still cannot: $(cat "$d/restart")"; fi
run check --pid "$new" --target 1500 --role server --format json
expect_eq "limit after" "$(layer_field app.haproxy.maxconn "$new" limit)" 2048
expect_eq "verdict after" "$(layer_field app.haproxy.maxconn "$new" verdict)" ok
expect_eq "its nofile after" "$(layer_field nofile.hard "$new" verdict)" ok
echo "after: app.haproxy.maxconn limit 2048, verdict ok; /proc/$new/limits: $(grep 'open files' "/proc/$new/limits" | tr -s ' ')"
prlimit --nofile=4096:4096 ab -q -n 2800 -c 1400 "http://127.0.0.1:$port/" >"$d/ab" 2>&1 ||
	fail "ab failed: $(cat "$d/ab")"
expect_grep '^Failed requests: +0$' "$d/ab"
expect_grep '^Complete requests: +2800$' "$d/ab"
echo "ab -c 1400 after the fix: $(grep -E '^(Complete|Failed) requests' "$d/ab" | tr -s ' ' | tr '\n' ' ')"
echo "ok: HAProxy's failed ulimit-n found; the printed restart applied"
