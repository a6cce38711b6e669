#!/bin/sh
# verify across machines, for real: three network namespaces joined by
# veth pairs, a client (10.213.1.2), a router with conntrack (10.213.1.1,
# 10.213.2.1) and a server (10.213.2.2); no address outside them. The
# server runs `verify --serve`, the client `verify --connect`.
#  1. Through the router (conntrack tracking every flow): both pass.
#  2. The router's conntrack table is full: new flows are dropped. The
#     client stalls and names a full accept queue or a middlebox's
#     conntrack table; the server says the connections never reached it
#     (ListenOverflows +0).
#  3. The server accepts slowly behind a small backlog (somaxconn 8 in its
#     namespace, the HEADROOM_VERIFY_ACCEPT_DELAY_MS hook): the client's
#     handshakes complete in the server's kernel, but most connections
#     never answer its --send probe (verify --serve echoes it), which it
#     reports as not accepted; the server counts ListenOverflows and
#     names backlog.somaxconn.
#  4. The server under nofile 150: it fails accept with EMFILE, stops
#     accepting and names nofile.soft; the client again sees connections
#     that never answer.
# nf_conntrack_max is global and read-only in a child namespace on this
# kernel, so a small table cannot be made without changing the host's.
# The router stands one in with an nftables rule that drops new flows once
# N are tracked (`ct count over N drop`, counted by conntrack itself):
# what a full table does to a new flow.
. "$top_srcdir/tests/verify/lib.sh"
need_root "to create network namespaces"
need_cmd ip nft
C=hr-cli-$$ R=hr-rtr-$$ S=hr-srv-$$
ip netns add "$C" 2>/dev/null || skip "cannot create a network namespace (ip netns add)"
at_exit "ip netns del $C 2>/dev/null; ip netns del $R 2>/dev/null; ip netns del $S 2>/dev/null"
ip netns add "$R" || fail "ip netns add $R"
ip netns add "$S" || fail "ip netns add $S"
in_ns() {
	_ns=$1
	shift
	ip netns exec "$_ns" "$@"
}
ip link add c0 netns "$C" type veth peer name r0 netns "$R" || fail "veth client-router"
ip link add s0 netns "$S" type veth peer name r1 netns "$R" || fail "veth server-router"
for ns in "$C" "$R" "$S"; do in_ns "$ns" ip link set lo up; done
in_ns "$C" ip addr add 10.213.1.2/24 dev c0
in_ns "$C" ip link set c0 up
in_ns "$C" ip route add default via 10.213.1.1
in_ns "$S" ip addr add 10.213.2.2/24 dev s0
in_ns "$S" ip link set s0 up
in_ns "$S" ip route add default via 10.213.2.1
in_ns "$R" ip addr add 10.213.1.1/24 dev r0
in_ns "$R" ip addr add 10.213.2.1/24 dev r1
in_ns "$R" ip link set r0 up
in_ns "$R" ip link set r1 up
in_ns "$R" sysctl -q -w net.ipv4.ip_forward=1 || fail "cannot forward in the router"
[ -r /proc/sys/net/netfilter/nf_conntrack_max ] || skip "no conntrack in this kernel"

# router RULE: the router's forward chain; conntrack tracks every flow.
router() {
	in_ns "$R" nft delete table inet hr 2>/dev/null || true
	printf 'table inet hr {\n chain through {\n  type filter hook forward priority 0; policy accept;\n  %s\n }\n}\n' \
		"$1" | in_ns "$R" nft -f - || fail "nft in the router: $1"
}
ct_count() {
	in_ns "$R" cat /proc/sys/net/netfilter/nf_conntrack_count
}

port=9000
# serve ARGS...: verify --serve in the server namespace, in the background.
serve() {
	in_ns "$S" env ${DELAY:+HEADROOM_VERIFY_ACCEPT_DELAY_MS=$DELAY} "$HEADROOM" verify \
		--serve "10.213.2.2:$port" "$@" >"$TEST_TMP/serve.out" 2>"$TEST_TMP/serve.err" &
	spid=$!
	started "$spid"
	wait_until 5 in_ns "$S" sh -c "ss -tlnH 'sport = :$port' | grep -q ." ||
		fail "verify --serve did not listen: $(cat "$TEST_TMP/serve.err")"
}
served() { # wait for the server; its status in $src, its report in serve.out
	wait "$spid"
	src=$?
	echo "--- verify --serve:"
	cat "$TEST_TMP/serve.out"
}
connect() {
	run_cmd ip netns exec "$C" "$HEADROOM" verify --connect "10.213.2.2:$port" "$@"
	echo "--- verify --connect:"
	cat "$OUT"
}

# ---- 1: through the router ----
router 'ct state established,related counter accept'
serve --target 500 --timeout 20
connect --target 500 --hold 1 --timeout 10
expect_rc 0 "across the router"
expect_out 'result:   500/500 connections established' "across the router"
tracked=$(ct_count)
served
expect_eq "serve status" "$src" 0
grep -q 'result:   500/500 connections accepted' "$TEST_TMP/serve.out" || fail "served: not 500 accepted"
grep -q 'clients:  closed all 500 connections they opened; their test is over' "$TEST_TMP/serve.out" ||
	fail "served: the end of the clients' test not seen"
echo "conntrack entries in the router at the end of 1: $tracked"
ok "500 across the router, conntrack tracking them"

# ---- 2: the router's conntrack table is full at 200 ----
router 'ct state new ct count over 200 counter drop'
serve --target 400 --timeout 8
connect --target 400 --timeout 4
expect_rc 2 "conntrack full"
expect_out 'stalled at 200: new connects went unanswered' "conntrack full"
expect_out "conntrack table is full" "conntrack full"
expect_out 'not this host.s ports or fds' "conntrack full"
served
expect_eq "serve status" "$src" 2
# 200 held, and the client's first probe connection (closed at once).
grep -q 'FAILED at 20[01]/400' "$TEST_TMP/serve.out" || fail "served: not 200 accepted"
grep -q 'never reached this host' "$TEST_TMP/serve.out" || fail "served: no 'never reached'"
grep -q 'ListenOverflows +0' "$TEST_TMP/serve.out" || fail "served: overflows counted"
ok "conntrack full: the client stalls at 200 and names it; the server saw none of the rest"

# ---- 3: a slow server behind a small backlog ----
router 'ct state established,related counter accept'
in_ns "$S" sysctl -q -w net.core.somaxconn=8 || fail "somaxconn in the server namespace"
DELAY=100
serve --target 400 --timeout 10
DELAY=
# The handshakes complete in the server's kernel (a full accept queue
# drops the final ACK, and the client does not know): only an answer
# proves a connection accepted. verify --serve echoes --send's probe.
# A SYN that arrives once the queue is full is dropped and sent again
# later; on a busy machine some of the 400 are still waiting at the
# timeout. Then the client stalls short of 400 instead, and must still
# name the server's accept queue.
connect --target 400 --timeout 6 --hold 2 --send 'hello\n'
expect_rc 2 "small backlog"
if grep -q 'stalled at' "$OUT"; then
	expect_out "the server's accept queue is full" "small backlog, stalled"
else
	expect_out 'never answered --send' "small backlog"
	expect_out "its accept queue is full" "small backlog"
fi
served
expect_eq "serve status" "$src" 2
grep -q 'stopped by: backlog.somaxconn: the accept queue overflowed' "$TEST_TMP/serve.out" ||
	fail "served: backlog not named"
ok "small backlog: the server counts ListenOverflows and names backlog.somaxconn"

# ---- 4: the server runs out of descriptors ----
# Under nofile 150 one server process fails its accept with EMFILE at
# about 134 and stops accepting, as a real server does; the rest wait in
# its accept queue, handshaken, and never answer the client's probe.
in_ns "$S" sysctl -q -w net.core.somaxconn=4096 || fail "somaxconn back"
in_ns "$S" prlimit --nofile=150:150 env "$HEADROOM" verify --serve "10.213.2.2:$port" \
	--target 400 --server-processes 1 --timeout 8 >"$TEST_TMP/serve.out" 2>"$TEST_TMP/serve.err" &
spid=$!
started "$spid"
wait_until 5 in_ns "$S" sh -c "ss -tlnH 'sport = :$port' | grep -q ." ||
	fail "verify --serve did not listen: $(cat "$TEST_TMP/serve.err")"
connect --target 400 --timeout 6 --hold 2 --send 'hello\n'
expect_rc 2 "server nofile"
expect_out 'never answered --send' "server nofile"
served
expect_eq "serve status" "$src" 2
grep -q 'accept: Too many open files (EMFILE) in server process 1' "$TEST_TMP/serve.out" ||
	fail "served: EMFILE not reported"
grep -q 'stopped by: nofile.soft: server process 1 ran out of descriptors' "$TEST_TMP/serve.out" ||
	fail "served: nofile.soft not named"
ok "server out of fds: the server names nofile.soft, the client its unanswered connections"
pass "verify --serve / --connect across a router: through, conntrack full, small backlog, server fds"
