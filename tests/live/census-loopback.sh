#!/bin/sh
# The socket census behind check, on real loopback connections in a network
# namespace of the test's own, so every socket counted is one it opened.
# bench/census-hold opens the connections (both ends here) and holds them:
#   200 IPv4 connections to 127.0.0.1:5000, 50 of them left in the accept
#   queue of a listener with backlog 128: ports.ephemeral counts 200 local
#   ports in the ephemeral range, backlog.somaxconn the 50 queued;
#   then 30 IPv6 connections to [::1]:6000: 30 ports.
# After the holder ends (its sockets reset, leaving no TIME-WAIT) the counts
# are back to zero.
. "$top_srcdir/tests/live/lib.sh"
need_netns

# The exit status is not what this test is about: in a network namespace
# other than the host's, net.ipv4.tcp_mem is not visible, so tcp.mem is
# unknown and the status may be 3.
run check --format json
expect_rc 0 1 2 3
expect_eq "ports in use before" "$(layer_field ports.ephemeral - use)" 0
expect_eq "accept queue before" "$(layer_field backlog.somaxconn - use)" null

hold_start 200 -k 200 -p 5000 -q 50 -B 128
run check --target 1000 --format json
expect_rc 0 1 2 3
expect_eq "ephemeral ports in use" "$(layer_field ports.ephemeral - use)" 200
expect_eq "ports.ephemeral need" "$(layer_field ports.ephemeral - need)" 1200
expect_eq "fullest accept queue" "$(layer_field backlog.somaxconn - use)" 50
layer backlog.somaxconn | grep -Fq 'fullest listener 127.0.0.1:5000: 50 of 128 queued' ||
	fail "backlog note: $(layer backlog.somaxconn)"
expect_eq "half-open connections" "$(layer_field backlog.syn - use)" 0
hold_stop

hold_start 30 -6 -k 30 -p 6000 -B 512
run check --target 1000 --format json
expect_eq "ephemeral ports in use (IPv6)" "$(layer_field ports.ephemeral - use)" 30
expect_eq "accept queue (IPv6)" "$(layer_field backlog.somaxconn - use)" 0
layer backlog.somaxconn | grep -Fq 'fullest listener ::1:6000: 0 of 512 queued' ||
	fail "backlog note (IPv6): $(layer backlog.somaxconn)"
hold_stop

run check --format json
expect_eq "ports in use after" "$(layer_field ports.ephemeral - use)" 0
expect_eq "accept queue after" "$(layer_field backlog.somaxconn - use)" null
expect_eq "TIME-WAIT after" "$(layer_field tcp.tw - use)" 0
pass
