#!/bin/sh
# A live apply of websocket-loadtest's net.* keys inside a fresh network
# namespace (and a private mount namespace, so the journal goes to a tmpfs
# and not to this machine's /var/lib): each value reads back as set, and
# revert restores the namespace's defaults. The machine's own sysctls are
# checked unchanged.
. "$top_srcdir/tests/tune/lib.sh"
need_root "for unshare"
need_cmd unshare ip
unshare -n -m true 2>/dev/null || skip "cannot unshare -n -m"
host_before=$(sysctl -n net.core.somaxconn net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse)
cat >"$TMPD/inner.sh" <<'INNER'
set -u
mount -t tmpfs tmpfs /var/lib || exit 3
ip link set lo up
keys="net.core.somaxconn net.ipv4.tcp_max_syn_backlog net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse net.ipv4.tcp_max_tw_buckets"
read_all() { for k in $keys; do printf '%s=%s\n' "$k" "$(sysctl -n "$k" | tr '\t' ' ')"; done; }
read_all >"$T/ns-before"
"$H" apply --live --only 'net.core.*' --only 'net.ipv4.*' websocket-loadtest >"$T/apply-out" 2>&1 || exit 4
read_all >"$T/ns-applied"
"$H" revert >"$T/revert-out" 2>&1 || exit 5
read_all >"$T/ns-reverted"
exit 0
INNER
T=$TMPD H=$H unshare -n -m sh "$TMPD/inner.sh"
status=$?
[ "$status" -eq 0 ] || { fail "namespace run: status $status: $(cat "$TMPD/apply-out" "$TMPD/revert-out" 2>/dev/null)"; exit 1; }
cat >"$TMPD/want" <<'WANT'
net.core.somaxconn=16384
net.ipv4.tcp_max_syn_backlog=16384
net.ipv4.ip_local_port_range=10240 65535
net.ipv4.tcp_tw_reuse=1
net.ipv4.tcp_max_tw_buckets=262144
WANT
diff "$TMPD/want" "$TMPD/ns-applied" >"$TMPD/d" && ok "applied values read back" ||
	fail "read back: $(cat "$TMPD/d")"
diff "$TMPD/ns-before" "$TMPD/ns-reverted" >"$TMPD/d" && ok "revert restored the namespace" ||
	fail "revert: $(cat "$TMPD/d")"
grep -q "applied 5 changes as journal entry 1" "$TMPD/apply-out" || fail "apply: $(cat "$TMPD/apply-out")"
host_after=$(sysctl -n net.core.somaxconn net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse)
[ "$host_before" = "$host_after" ] && ok "the machine's sysctls are untouched" || fail "host sysctls changed"
pass
