#!/bin/sh
# check's verdict flips when its own soft limit is lowered: run under
# prlimit with the soft limit at the hard limit, then at 1024, for a target
# of 5000 connections. Only lowering is needed, so no privilege is.
. "$top_srcdir/tests/live/lib.sh"
need_cmd prlimit

hard=$(prlimit --nofile --output HARD --noheadings | tr -d " ")
case "$hard" in
unlimited) skip "the nofile hard limit reads as unlimited" ;;
esac
# 5000 connections need 5016 descriptors; 80% of the limit must hold that.
[ "$hard" -ge 6270 ] || skip "nofile hard limit $hard is too low for a target of 5000"

run_cmd prlimit --nofile="$hard:$hard" "$HEADROOM" check --target 5000 --format json
expect_rc 0 1
expect_eq "nofile.soft limit at $hard" "$(layer_field nofile.soft - limit)" "$hard"
expect_eq "nofile.soft verdict at $hard" "$(layer_field nofile.soft - verdict)" ok
expect_eq "nofile.soft need" "$(layer_field nofile.soft - need)" 5016

run_cmd prlimit --nofile="1024:$hard" "$HEADROOM" check --target 5000 --format json
expect_rc 2
expect_eq "nofile.soft limit lowered" "$(layer_field nofile.soft - limit)" 1024
expect_eq "nofile.soft verdict lowered" "$(layer_field nofile.soft - verdict)" fail
expect_eq "nofile.hard limit" "$(layer_field nofile.hard - limit)" "$hard"
expect_eq "verdict" "$(top_field verdict)" fail
expect_eq "bottleneck" "$(top_field bottleneck)" nofile.soft
expect_eq "max_supported" "$(top_field max_supported)" 1008
# The first fix raises the soft limit, which needs no root: the hard one allows it.
layer nofile.soft | grep -Fq '"needs_root":false' ||
	fail "raising the soft limit up to the hard one is marked as needing root"

# The text summary says the same.
run_cmd prlimit --nofile="1024:$hard" "$HEADROOM" check --target 5000 -q
expect_rc 2
expect_grep "^FAIL: this host supports 1,008 connections now for role both \(target 5,000\); bottleneck nofile\.soft" "$OUT"
pass
