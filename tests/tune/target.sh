#!/bin/sh
# apply --target N: on a fixture host, the plan's short layers become a
# generated profile; after applying it, `check` no longer finds them short
# (except what no profile can fix), and revert restores the host exactly.
. "$top_srcdir/tests/tune/lib.sh"
HOST=$top_srcdir/tests/fixtures/hosts/debian12
[ -d "$HOST" ] || { fail "no debian12 fixture host: $HOST"; exit 1; }
R=$TMPD/host
cp -a "$HOST" "$R"
chmod -R u+w "$R"
snapshot "$R" >"$TMPD/before"
"$H" --root "$R" check --target 100000 >"$TMPD/check-before"
grep -q '^backlog.syn  *WARN' "$TMPD/check-before" || skip "fixture host changed: backlog.syn is not WARN"
run 0 "apply --target --dry-run" -- "$H" --root "$R" apply --target 100000 --dry-run
grep -q "^would apply target-100000 (generated from the plan)" "$TMPD/out" || fail "header: $(head -1 "$TMPD/out")"
grep -q "^  sysctl net.ipv4.tcp_max_syn_backlog: 512 -> 5120$" "$TMPD/out" || fail "syn backlog line"
grep -q "ports.ephemeral beyond 64512 ports" "$TMPD/out" || fail "no note on the port ceiling"
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "dry run changed the host"
run 0 "apply --target" -- "$H" --root "$R" apply --target 100000
grep -q '^\*	hard	nofile	524288$' "$R/etc/security/limits.d/90-headroom.conf" ||
	fail "the hard limit was lowered: $(cat "$R/etc/security/limits.d/90-headroom.conf")"
"$H" --root "$R" check --target 100000 >"$TMPD/check-after"
for layer in backlog.syn tcp.tw; do
	grep -q "^$layer  *OK" "$TMPD/check-after" || fail "$layer still short: $(grep "^$layer" "$TMPD/check-after")"
done
run 0 "revert" -- "$H" --root "$R" revert
snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" || fail "revert not exact: $(cat "$TMPD/d")"
run 64 "--role without --target" -- "$H" --root "$R" apply --role server c10k
run 64 "both a profile and --target" -- "$H" --root "$R" apply --target 10 c10k
run 65 "a bad target" -- "$H" --root "$R" apply --target 0
pass
