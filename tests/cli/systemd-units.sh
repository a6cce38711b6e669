#!/bin/sh
# The systemd service and timer that write the node_exporter textfile:
# `systemd-analyze verify` accepts them (the service pointed at this
# build's binary), the service writes Debian's textfile path, and its
# ExecStart line, run as systemd would run it (HEADROOM_ARGS from
# /etc/default/headroom) into a scratch directory, writes a file that
# `promtool check metrics` accepts, atomically (no temporary file left).
. "$top_srcdir/tests/lib/functions.sh"
keep_going
unit="$top_builddir/contrib/systemd/headroom-textfile.service"
timer="$top_srcdir/contrib/systemd/headroom-textfile.timer"
[ -f "$unit" ] || fail "$unit was not built by make"
dir=/var/lib/prometheus/node-exporter

expect_grep "^ExecStart=[^ ]*/headroom -q check --format prometheus --output $dir/headroom.prom \\\$HEADROOM_ARGS$" "$unit"
expect_grep "^ReadWritePaths=$dir$" "$unit"
expect_grep "^ConditionPathIsDirectory=$dir$" "$unit"
expect_grep "^SuccessExitStatus=1 2 3$" "$unit"
expect_grep "^OnUnitInactiveSec=" "$timer"
expect_grep "^WantedBy=timers.target$" "$timer"

# The ExecStart line, run with a scratch directory for node_exporter's.
exec_line=$(sed -n 's/^ExecStart=[^ ]*\/headroom //p' "$unit")
out="$TEST_TMP/node-exporter"
mkdir "$out"
HEADROOM_ARGS="--root $top_srcdir/tests/fixtures/hosts/debian12 --census $top_srcdir/tests/fixtures/census/debian12.nl --target 10000 --user alice"
# shellcheck disable=SC2086 # the unit's words, split as systemd splits them
run_cmd "$HEADROOM" $(printf '%s\n' "$exec_line" | sed "s#$dir#$out#; s#\$HEADROOM_ARGS##") $HEADROOM_ARGS
expect_rc 2 "the service's command on debian12"
[ -s "$out/headroom.prom" ] || fail "no headroom.prom written"
[ ! -s "$OUT" ] || fail "the service printed: $(cat "$OUT")"
[ "$(find "$out" -type f | wc -l)" = 1 ] || fail "files left: $(ls "$out")"
expect_grep '^headroom_verdict 2$' "$out/headroom.prom"
if command -v promtool >/dev/null 2>&1; then
	promtool check metrics <"$out/headroom.prom" >"$TEST_TMP/lint" 2>&1 ||
		fail "promtool: $(cat "$TEST_TMP/lint")"
fi
ok "the service's command writes $out/headroom.prom"

command -v systemd-analyze >/dev/null 2>&1 || skip "no systemd-analyze to verify the units"
mkdir "$TEST_TMP/units"
sed "s#^ExecStart=[^ ]*/headroom #ExecStart=$HEADROOM #" "$unit" >"$TEST_TMP/units/headroom-textfile.service"
cp "$timer" "$TEST_TMP/units/"
# --man=no: headroom(1) is not installed where man looks during make check.
if ! (cd "$TEST_TMP/units" && systemd-analyze verify --man=no \
	headroom-textfile.service headroom-textfile.timer) >"$TEST_TMP/verify" 2>&1; then
	fail "systemd-analyze verify: $(cat "$TEST_TMP/verify")"
fi
# Warnings (an unknown key, a bad value) do not fail verify: none wanted.
grep -v 'Failed to .*cgroup\|Cannot find unit\|Unit.*not found' "$TEST_TMP/verify" >"$TEST_TMP/warn" || true
[ ! -s "$TEST_TMP/warn" ] || fail "systemd-analyze verify warns: $(cat "$TEST_TMP/warn")"
ok "systemd-analyze verify: the service and the timer"
pass
