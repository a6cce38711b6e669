#!/bin/sh
# A read-only file system is not a matter of privilege (issue 14, defect
# 14): as root, apply and revert on a tree mounted read-only say so, exit
# 2 and change nothing, instead of "needs root ... run it with sudo" (77).
# The tree is bind-mounted read-only in a private mount namespace.
. "$top_srcdir/tests/tune/lib.sh"
need_root
need_cmd unshare mount
R=$TMPD/root
mkroot linux "$R"
unshare -m sh -c "mount --bind -o ro '$R' '$R'" 2>/dev/null ||
	skip "cannot bind-mount read-only in a private mount namespace"

# ro CMD...: run headroom CMD on the read-only tree
ro() {
	unshare -m sh -c 'r=$1; shift; mount --bind -o ro "$r" "$r" && exec "$@"' sh "$R" \
		"$H" --root "$R" "$@"
}
snapshot "$R" >"$TMPD/before"
run 2 "apply on a read-only tree" -- ro apply c10k
grep -q "Read-only file system.*mounted read-only; nothing was changed" "$TMPD/err" ||
	fail "apply: $(cat "$TMPD/err")"
grep -q "sudo\|needs root" "$TMPD/err" && fail "apply: blames privilege: $(cat "$TMPD/err")"
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "apply changed the tree"

run 0 "apply read-write" -- "$H" --root "$R" apply c10k
snapshot "$R" >"$TMPD/applied"
run 2 "revert on a read-only tree" -- ro revert
grep -q "mounted read-only; nothing was changed" "$TMPD/err" || fail "revert: $(cat "$TMPD/err")"
grep -q "sudo\|needs root" "$TMPD/err" && fail "revert: blames privilege: $(cat "$TMPD/err")"
snapshot "$R" | diff "$TMPD/applied" - >/dev/null || fail "revert changed the tree"
run 0 "revert read-write" -- "$H" --root "$R" revert
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "not byte-exact"
pass
