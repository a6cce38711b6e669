#!/bin/sh
# Fault injection (HEADROOM_FAULT): the Nth change fails -> apply exits 2,
# names the step and leaves the tree exactly as before; the process is
# killed after the Nth change -> the journal entry stays "prepared", a new
# apply refuses to stack on it, and revert restores the tree byte for byte.
. "$top_srcdir/tests/tune/lib.sh"
R=$TMPD/root
P=websocket-loadtest
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
# how many changes the profile makes here
"$H" --root "$R" apply --dry-run "$P" >"$TMPD/plan" || exit 1
steps=$(grep -c '^  sysctl \|^+++ \|^  mkdir ' "$TMPD/plan")
[ "$steps" -ge 5 ] || fail "expected several steps, the plan has $steps"

n=1
while [ "$n" -le "$steps" ]; do
	mkroot linux "$R"
	HEADROOM_FAULT=fail=$n "$H" --root "$R" apply "$P" >/dev/null 2>"$TMPD/err"
	status=$?
	[ "$status" -eq 2 ] || fail "fail=$n: exit $status, expected 2"
	grep -q "step $n of $steps failed" "$TMPD/err" || fail "fail=$n: $(cat "$TMPD/err")"
	grep -q "rolled back: the system is as it was" "$TMPD/err" || fail "fail=$n: no rollback line"
	snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" || fail "fail=$n: tree changed: $(cat "$TMPD/d")"
	"$H" --root "$R" history | grep -q "rolled-back" || fail "fail=$n: history does not say rolled-back"
	n=$((n + 1))
done
ok "a failure at each of $steps steps rolls back to the exact previous state"

n=1
while [ "$n" -le "$steps" ]; do
	mkroot linux "$R"
	HEADROOM_FAULT=kill=$n "$H" --root "$R" apply "$P" >/dev/null 2>&1
	status=$?
	[ "$status" -eq 137 ] || fail "kill=$n: exit $status, expected 137 (SIGKILL)"
	"$H" --root "$R" history | grep -q "^1 .* prepared " || fail "kill=$n: entry not left prepared"
	if [ "$n" -lt "$steps" ]; then
		"$H" --root "$R" apply "$P" >/dev/null 2>"$TMPD/err"
		[ $? -eq 2 ] && grep -q "did not finish (prepared)" "$TMPD/err" ||
			fail "kill=$n: a new apply stacked on the interrupted one: $(cat "$TMPD/err")"
	fi
	"$H" --root "$R" revert >/dev/null 2>"$TMPD/err" || fail "kill=$n: revert failed: $(cat "$TMPD/err")"
	snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" || fail "kill=$n: revert not exact: $(cat "$TMPD/d")"
	n=$((n + 1))
done
ok "a kill after each of $steps steps is undone by revert"

# a failure while reverting leaves the entry in effect; revert again finishes
mkroot linux "$R"
"$H" --root "$R" apply "$P" >/dev/null || fail "apply"
HEADROOM_FAULT=fail=3 "$H" --root "$R" revert >/dev/null 2>"$TMPD/err"
[ $? -eq 2 ] || fail "revert with a fault: expected exit 2"
grep -q "partly restored" "$TMPD/err" || fail "revert fault: $(cat "$TMPD/err")"
run 0 "revert again after a failed revert" -- "$H" --root "$R" revert
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "second revert not exact"
pass
