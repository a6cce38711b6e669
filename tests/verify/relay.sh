#!/bin/sh
# The relay: with more worker processes on a side than work at once
# (HEADROOM_VERIFY_RELAY, default VERIFY_RELAY_ACTIVE), each hands its turn
# to the next when it is done. One turn per side is the hardest case:
# every hand-over, on both sides, must happen or the run times out.
. "$top_srcdir/tests/verify/lib.sh"
need_netns --pid

run_cmd env HEADROOM_VERIFY_RELAY=1 "$HEADROOM" verify --target 6000 --processes 6 \
	--server-processes 6 --timeout 20 --no-bare --format json
expect_rc 0 "relay 1"
expect_out '"stop": "complete"' "relay 1"
[ "$(json_field established)" -eq 6000 ] || fail "relay 1: not all established"
[ "$(json_field accepted)" -eq 6000 ] || fail "relay 1: the servers did not accept all"
[ "$(json_field clients_at_once)" -eq 1 ] || fail "relay 1: clients not one at a time"
[ "$(json_field servers_at_once)" -eq 1 ] || fail "relay 1: servers not one at a time"
expect_clean "relay 1"

# The default relay, with more processes per side than it keeps at work.
verify --target 12000 --processes 9 --server-processes 9 --no-bare
expect_rc 0 "default relay"
expect_out 'result: *12,000/12,000 connections established' "default relay"
expect_out 'clients: 9 processes, up to 1,334 each, [1-8] at a time' "default relay"
expect_out 'servers: 9 processes, up to 1,334 each, [1-8] at a time' "default relay"
expect_clean "default relay"

# Turned off: every process works at once, and the report says no more.
run_cmd env HEADROOM_VERIFY_RELAY=0 "$HEADROOM" verify --target 12000 --processes 9 \
	--server-processes 9 --no-bare
expect_rc 0 "relay off"
expect_out 'clients: 9 processes, up to 1,334 each, non-blocking' "relay off"
expect_clean "relay off"

# A worker that fails in its turn still ends the run at once with the
# cause, not at the timeout: the first client cannot hold its share.
run_cmd env HEADROOM_VERIFY_RELAY=1 prlimit --nofile=400:400 "$HEADROOM" verify \
	--target 3000 --processes 3 --server-processes 8 --timeout 60 --no-bare --format json
expect_rc 2 "relay failure"
expect_out '"stop": "failed"' "relay failure"
expect_out '"bottleneck": "nofile.soft"' "relay failure"
expect_out '"errno": "EMFILE"' "relay failure"
expect_clean "relay failure"
pass
