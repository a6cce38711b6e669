#!/bin/sh
# Redis's own cap, live: redis-server from Debian's package as the redis
# user in a private network namespace.
#  1. Under nofile 1024:1024 Redis lowers maxclients from 10000 to 992 at
#     start-up: check asks it (INFO, CONFIG GET) and finds 992; from another
#     network namespace it cannot ask, its title hides its configuration
#     file, and it finds the most the fd limit allows, 992, saying so. The
#     printed fix must lift the hard limit: with CAP_SYS_RESOURCE a raise,
#     then CONFIG SET; without it (dropped from the bounding set, as root
#     lacks it in a container) a restart under headroom exec, as redis,
#     with --maxclients. Each is run as printed, then the check passes and
#     redis-benchmark with 1200 clients runs clean.
#  2. With maxclients 500 under nofile 1024:4096, redis-benchmark with 1200
#     clients is refused ("max number of clients reached"); the printed
#     CONFIG SET, run as printed, makes the next check pass and the same
#     benchmark run clean.
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
need_cmd redis-server
need_cmd redis-cli
need_cmd redis-benchmark
need_cmd prlimit
need_cmd setpriv
[ "$(id -u)" = 0 ] || skip "needs root to run Redis as its own user"
getent passwd redis >/dev/null || skip "no redis user"
need_netns
pong() { redis-cli -p "$1" PING >/dev/null 2>&1; }

chmod 755 "$TEST_TMP"
start_redis() { # NAME PORT LIMITS [CONFIG LINE]
	dir=$TEST_TMP/$1
	mkdir -p "$dir"
	printf 'port %s\nbind 127.0.0.1\nsave ""\nappendonly no\ndir %s\n%s\n' "$2" "$dir" "${4:-}" \
		>"$dir/redis.conf"
	chown -R redis "$dir"
	prlimit --nofile="$3" setpriv --reuid=redis --regid=redis --clear-groups \
		redis-server "$dir/redis.conf" >"$dir/log" 2>&1 &
	rpid=$!
	started "$rpid"
	wait_until 5 pong "$2" || fail "redis did not start: $(cat "$dir/log")"
}

# ---- 1: lowered at start-up, asked and computed ----
port=$(app_port)
start_redis low "$port" 1024:1024
grep -q "maxclients has been reduced to 992" "$TEST_TMP/low/log" || fail "redis did not lower it"
run check --pid "$rpid" --target 2000 --role server --format json
expect_eq "limit (asked)" "$(layer_field app.redis.maxclients "$rpid" limit)" 992
expect_grep '"id":"app.redis.maxclients".*maxclients 992 in effect \(asked the server\)' "$OUT"
[ "$(layer_field app.redis.maxclients "$rpid" use)" -ge 1 ] || fail "no connected clients reported"
fix=$(fix_live app.redis.maxclients "$rpid")
echo "printed fix (992): $fix"
# (with CAP_SYS_RESOURCE, bit 24 of CapEff, the raise the row prints works)
if [ $((0x$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status) >> 24 & 1)) = 1 ]; then
	expect_eq "fix" "$fix" "headroom raise --pid $rpid --nofile 2816, then redis-cli -h 127.0.0.1 -p $port CONFIG SET maxclients 2560 (CONFIG SET takes only what the fd limit allows)"
fi
# Another namespace's loopback is another host: not asked, computed.
run_cmd unshare -n "$HEADROOM" check --pid "$rpid" --target 2000 --role server --format json
expect_eq "limit (computed)" "$(layer_field app.redis.maxclients "$rpid" limit)" 992
expect_grep '"id":"app.redis.maxclients".*hides its configuration file.*another network namespace.*at most 992: Redis keeps maxclients \+ 32 within its fd limit' "$OUT"

# ---- 1b: the printed fix, as this session would run it ----
bench() { # PORT
	prlimit --nofile=4096:4096 redis-benchmark -p "$1" -c 1200 -n 2400 -t ping_inline -q \
		>"$TEST_TMP/bench" 2>&1 || true
}
redis_pid() { redis-cli -p "$1" INFO server 2>/dev/null | sed -n 's/^process_id:\([0-9]*\).*/\1/p'; }
bench "$port"
grep -q "max number of clients reached" "$TEST_TMP/bench" ||
	fail "redis-benchmark was not refused at 992: $(cat "$TEST_TMP/bench")"
mkdir "$TEST_TMP/bin"
ln -s "$HEADROOM" "$TEST_TMP/bin/headroom"
export PATH="$TEST_TMP/bin:$PATH"
# nocap: without CAP_SYS_RESOURCE, whatever this machine grants root
nocap() { setpriv --bounding-set=-sys_resource -- "$@"; }
if nocap true 2>/dev/null; then
	run_cmd nocap "$HEADROOM" check --pid "$rpid" --target 2000 --role server --format json
	fix=$(fix_live app.redis.maxclients "$rpid")
	echo "printed fix without CAP_SYS_RESOURCE: $fix"
	expect_eq "fix without CAP_SYS_RESOURCE" "$fix" "kill $rpid; while kill -0 $rpid 2>/dev/null; do sleep 0.1; done; cd '$TEST_TMP/low' && headroom exec --nofile 2816 -- setpriv --reuid=$(id -u redis) --regid=$(id -g redis) --init-groups redis-server $TEST_TMP/low/redis.conf --maxclients 2560  (a restart: hard limit 1024 and no CAP_SYS_RESOURCE here, neither a raise nor CONFIG SET can lift it)"
	expect_grep '"id":"app.redis.maxclients".*its title hides its command line: a restart runs redis-server' "$OUT"
	# Its command runs the server in the foreground: in the background.
	nocap sh -c "${fix%%  (a restart*}" >"$TEST_TMP/restart" 2>&1 &
	started $!
	new=
	restarted() { gone "$rpid" && new=$(redis_pid "$port") && [ -n "$new" ]; }
	wait_until 10 restarted || fail "the printed restart did not bring Redis back: $(cat "$TEST_TMP/restart")"
	started "$new"
	expect_grep '^Max open files +2816 ' "/proc/$new/limits"
	expect_eq "owner of the restarted Redis" "$(stat -c %U "/proc/$new")" redis
	run_cmd nocap "$HEADROOM" check --pid "$new" --target 2000 --role server --format json
	expect_eq "limit after the restart" "$(layer_field app.redis.maxclients "$new" limit)" 2560
	expect_eq "verdict after the restart" "$(layer_field app.redis.maxclients "$new" verdict)" ok
	bench "$port"
	grep -q "ERR" "$TEST_TMP/bench" && fail "redis-benchmark still refused after the restart: $(cat "$TEST_TMP/bench")"
	echo "redis-benchmark -c 1200 after the restart: $(tr '\r' '\n' <"$TEST_TMP/bench" | grep -m1 'requests per second')"
	stop "$new"
else
	echo "cannot drop CAP_SYS_RESOURCE here: the restart fix is not run"
fi
gone "$rpid" || stop "$rpid"

# ---- 2: a CONFIG SET within the fd limit, applied as printed ----
port=$((port + 1))
start_redis capped "$port" 1024:4096 "maxclients 500"
bench "$port"
grep -q "max number of clients reached" "$TEST_TMP/bench" ||
	fail "redis-benchmark was not refused: $(cat "$TEST_TMP/bench")"
echo "redis-benchmark -c 1200 before the fix: $(grep -m1 -o 'ERR max number of clients reached' "$TEST_TMP/bench")"
run check --pid "$rpid" --target 2000 --role server --format json
expect_eq "limit" "$(layer_field app.redis.maxclients "$rpid" limit)" 500
fix=$(fix_live app.redis.maxclients "$rpid")
echo "printed fix (500): $fix"
expect_eq "fix" "$fix" "redis-cli -h 127.0.0.1 -p $port CONFIG SET maxclients 2560"
$fix >"$TEST_TMP/set" 2>&1 || fail "the printed fix failed: $(cat "$TEST_TMP/set")"
expect_eq "CONFIG SET answer" "$(cat "$TEST_TMP/set")" OK
run check --pid "$rpid" --target 2000 --role server --format json
expect_eq "limit after" "$(layer_field app.redis.maxclients "$rpid" limit)" 2560
expect_eq "verdict after" "$(layer_field app.redis.maxclients "$rpid" verdict)" ok
bench "$port"
grep -q "ERR" "$TEST_TMP/bench" && fail "redis-benchmark still refused: $(cat "$TEST_TMP/bench")"
echo "redis-benchmark -c 1200 after the fix: $(tr '\r' '\n' <"$TEST_TMP/bench" | grep -m1 'requests per second')"
# A server that wants a password cannot be asked. Its title hides its
# configuration file and Debian's is not it (another port): the most its fd
# limit allows, said so. (CONFIG SET raised Redis's soft limit to 2592.)
redis-cli -p "$port" CONFIG SET requirepass sekrit >/dev/null
run check --pid "$rpid" --target 2000 --role server --format json
expect_eq "limit (NOAUTH)" "$(layer_field app.redis.maxclients "$rpid" limit)" 2560
expect_grep '"id":"app.redis.maxclients".*hides its configuration file.*could not ask the server: it wants a password \(NOAUTH\)\\nat most 2560' "$OUT"
echo "ok: Redis's effective maxclients found, asked and computed; CONFIG SET applied as printed"
