#!/bin/sh
# A kill inside a change (issue 14, defects 4 and 5): HEADROOM_FAULT=
# midkill=N kills apply after change N's temp file is written and before
# the rename (files, and sysctls under --root, which are written the same
# way). No target is ever left empty or half written, and a plain revert
# (no --force) restores the tree byte for byte: no temp file left, no
# directory apply made. Temp files in the journal itself go too.
. "$top_srcdir/tests/tune/lib.sh"
R=$TMPD/root
P=websocket-loadtest
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
"$H" --root "$R" apply --dry-run "$P" >"$TMPD/plan" || exit 1
steps=$(grep -c '^  sysctl \|^+++ \|^  mkdir ' "$TMPD/plan")
grep -q '^  sysctl ' "$TMPD/plan" && grep -q '^  mkdir ' "$TMPD/plan" ||
	fail "the plan should hold sysctls, files and directories"

n=1
while [ "$n" -le "$steps" ]; do
	mkroot linux "$R"
	HEADROOM_FAULT=midkill=$n "$H" --root "$R" apply "$P" >/dev/null 2>&1
	status=$?
	# a mkdir has no middle: those steps run to the end
	if [ "$status" -eq 137 ]; then
		empty=$(find "$R/proc/sys" -type f -empty)
		[ -z "$empty" ] || fail "midkill=$n: a sysctl left empty: $empty"
		"$H" --root "$R" revert >/dev/null 2>"$TMPD/err" ||
			fail "midkill=$n: revert without --force failed: $(cat "$TMPD/err")"
		snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" ||
			fail "midkill=$n: revert not exact: $(cat "$TMPD/d")"
		left=$(find "$R" -name '.*.headroom-*')
		[ -z "$left" ] || fail "midkill=$n: temp files left: $left"
		kills=$((${kills:-0} + 1))
	fi
	n=$((n + 1))
done
[ "${kills:-0}" -ge 4 ] || fail "only ${kills:-0} of $steps steps could be killed midway"
ok "a kill inside each of ${kills:-0} changes is undone by a plain revert"
pass
