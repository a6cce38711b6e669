#!/bin/sh
# Success paths: 5,000 connections, 30,000 (past one source address's
# port range, several processes per side), IPv6, fds and sockets.
. "$top_srcdir/tests/verify/lib.sh"
need_netns --pid

verify --target 5000 --format json
expect_rc 0 "5000"
expect_out '"verdict": "ok"' "5000"
[ "$(json_field established)" -eq 5000 ] || fail "5000: not all established"
[ "$(json_field accepted)" -eq 5000 ] || fail "5000: the server side did not accept all"
bare=$(grep -o '"bare_loop": {"rate": [0-9.]*' "$OUT" | sed 's/.*: //')
[ -n "$bare" ] || fail "5000: no bare loop rate"
echo "5000: verify $(json_field rate)/s, a bare loop $bare/s"
expect_clean "5000"

verify --target 30000
expect_rc 0 "30000"
expect_out 'result: *30,000/30,000 connections established' "30000"
expect_out 'clients: 2 processes' "30000"
expect_out 'servers: 2 processes' "30000"
expect_out 'addresses 127.0.0.1-127.0.0.' "30000"
expect_out 'TIME_WAIT +0' "30000"
expect_out 'check: *predicted' "30000"
# The machine's own rate, measured in the same run (a figure, not a goal).
expect_out 'machine:  a bare connect/accept loop in one process made [0-9,]*/s here (10,000 connections, 5,000 held at a time); verify reached [0-9.]*x of it' "30000"
expect_clean "30000"

verify --target 2000 --ipv6 --format json
expect_rc 0 "ipv6"
expect_out '"ipv6": true' "ipv6"
expect_clean "ipv6"

for what in fds sockets; do
	verify --what $what --target 5000 --format json
	expect_rc 0 "$what"
	[ "$(json_field established)" -eq 5000 ] || fail "$what: not all 5000 opened"
done
expect_clean "fds and sockets"

# Piped output has no progress bar (no carriage returns).
verify --target 1000
if grep -q "$(printf '\r')" "$OUT" "$ERR"; then
	fail "progress drawn on a pipe"
fi
pass
