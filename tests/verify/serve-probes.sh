#!/bin/sh
# verify --serve with several load generators, each probing the server
# first (--connect's one connection to see that something listens), and a
# port check (a TCP connect and close, as Ansible's wait_for does) before
# them: a connection its client closes before the target is reached is a
# probe and takes no place of the test's. Two clients x 300 with --send
# to a server of 600: every connection answered, 600/600 accepted; before
# the fix the last connection of each probe waited unaccepted in the
# queue and never answered.
. "$top_srcdir/tests/verify/lib.sh"
need_netns --pid
need_cmd python3

"$HEADROOM" verify --serve 127.0.0.1:9000 --target 600 --timeout 20 --format json \
	>"$TEST_TMP/serve.out" 2>"$TEST_TMP/serve.err" &
spid=$!
started "$spid"
wait_until 5 sh -c "ss -tlnH 'sport = :9000' | grep -q ." ||
	fail "verify --serve did not listen: $(cat "$TEST_TMP/serve.err")"
python3 -c 'import socket; socket.create_connection(("127.0.0.1", 9000), 5).close()' ||
	fail "the port check"
for c in 1 2; do
	"$HEADROOM" verify --connect 127.0.0.1:9000 --target 300 --hold 1 --timeout 10 \
		--send 'probe\n' >"$TEST_TMP/connect$c.out" 2>&1 &
	eval "cpid$c=\$!"
	started $!
done
for c in 1 2; do
	eval "wait \$cpid$c" && crc=0 || crc=$?
	cat "$TEST_TMP/connect$c.out"
	expect_eq "client $c status" "$crc" 0
	expect_grep '^result: +300/300 connections established' "$TEST_TMP/connect$c.out"
	expect_grep '^replies: +300 connections got bytes' "$TEST_TMP/connect$c.out"
done
wait "$spid" && src=0 || src=$?
expect_eq "serve status" "$src" 0
OUT=$TEST_TMP/serve.out
[ "$(json_field accepted)" -eq 600 ] || fail "served: $(json_field accepted) accepted, want 600"
[ "$(json_field closed_by_clients)" -eq 600 ] || fail "served: closed by clients $(json_field closed_by_clients)"
expect_schema "$TEST_TMP/serve.out"
pass "verify --serve: 2 x 300 with probes first, all accepted and answered"
