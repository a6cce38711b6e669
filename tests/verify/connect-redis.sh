#!/bin/sh
# verify --connect against Redis at its maxclients (100, from its
# configuration, under nofile 4096 so Redis keeps it): Redis takes the
# handshake, answers "-ERR max number of clients reached" and closes.
# 300 clients must fail with exactly 200 dropped and Redis's maxclients
# named; 50 with a PING probe pass; an unknown command is an error reply
# on connections kept open, which fails too and says so.
. "$top_srcdir/tests/verify/lib.sh"
need_cmd redis-server prlimit setpriv
need_root "to run Redis as its own user"
getent passwd redis >/dev/null || skip "no redis user"
need_netns --pid

port=16379
chmod 755 "$TEST_TMP"
printf 'port %s\nbind 127.0.0.1\nsave ""\nappendonly no\ndir %s\nmaxclients 100\n' \
	"$port" "$TEST_TMP" >"$TEST_TMP/redis.conf"
chown redis "$TEST_TMP"
prlimit --nofile=4096:4096 setpriv --reuid=redis --regid=redis --clear-groups \
	redis-server "$TEST_TMP/redis.conf" >"$TEST_TMP/redis.log" 2>&1 &
pid=$!
started "$pid"
# Not redis-cli: its TIME_WAIT would be counted as verify's.
listening() { ss -tlnH "sport = :$port" | grep -q .; }
wait_until 5 listening || fail "redis did not start: $(cat "$TEST_TMP/redis.log")"

verify --connect "127.0.0.1:$port" --target 300 --hold 1 --format json
expect_rc 2 "300 clients against maxclients 100"
expect_out '"bottleneck": "app.redis.maxclients"' "over maxclients"
expect_out '"sample": "-ERR max number of clients reached' "over maxclients"
expect_eq "dropped" "$(json_field dropped)" 200
expect_eq "held" "$(json_field established)" 100

verify --connect "127.0.0.1:$port" --target 50 --hold 1 --send 'PING\r\n'
expect_rc 0 "50 clients"
expect_out 'first reply: "+PONG\\r\\n"' "PING"

verify --connect "127.0.0.1:$port" --target 50 --hold 1 --send 'NOSUCH\r\n'
expect_rc 2 "an unknown command"
expect_out 'the server answered 50 with an error' "unknown command"
expect_out 'kept them open' "unknown command"
stop "$pid"
expect_clean "redis"
pass "Redis maxclients 100: 300 clients, 200 dropped and named"
