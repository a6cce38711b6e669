#!/bin/sh
# Redis's own cap, live: redis-server from Debian's package as the redis
# user in a private network namespace.
#  1. Under nofile 1024:1024 Redis lowers maxclients from 10000 to 992 at
#     start-up: check asks it (INFO, CONFIG GET) and finds 992; from another
#     network namespace it cannot ask, its title hides its configuration
#     file, and it finds the most the fd limit allows, 992, saying so. The
#     printed fix raises the fd limit first.
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
expect_eq "fix" "$fix" "headroom raise --pid $rpid --nofile 2816, then redis-cli -h 127.0.0.1 -p $port CONFIG SET maxclients 2560 (CONFIG SET takes only what the fd limit allows)"
# Another namespace's loopback is another host: not asked, computed.
run_cmd unshare -n "$HEADROOM" check --pid "$rpid" --target 2000 --role server --format json
expect_eq "limit (computed)" "$(layer_field app.redis.maxclients "$rpid" limit)" 992
expect_grep '"id":"app.redis.maxclients".*hides its configuration file.*another network namespace.*at most 992: Redis keeps maxclients \+ 32 within its fd limit' "$OUT"
kill "$rpid"

# ---- 2: a CONFIG SET within the fd limit, applied as printed ----
port=$((port + 1))
start_redis capped "$port" 1024:4096 "maxclients 500"
bench() {
	prlimit --nofile=4096:4096 redis-benchmark -p "$port" -c 1200 -n 2400 -t ping_inline -q \
		>"$TEST_TMP/bench" 2>&1 || true
}
bench
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
bench
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
