#!/bin/sh
# Output errors are never ignored (issue 14, defect 10 and item 7): every
# command whose standard output is /dev/full exits 3 with a one-line
# message saying so, instead of a verdict (util-linux's closestream is the
# model). A reader that went away (EPIPE, SIGPIPE ignored) is quiet.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
[ -w /dev/full ] || skip "no /dev/full"
H=$HEADROOM
D=$top_srcdir/tests/fixtures/hosts/debian12
C=$top_srcdir/tests/fixtures/census/debian12.nl
R=$TEST_TMP/root
cp -a "$top_srcdir/tests/fixtures/tune/root-linux" "$R"
chmod -R u+w,go-w "$R"

while IFS='|' read -r what args; do
	[ -n "$what" ] || continue
	# shellcheck disable=SC2086 # split on purpose
	$H $args >/dev/full 2>"$TEST_TMP/err"
	rc=$?
	[ "$rc" -eq 3 ] || fail "$what >/dev/full: exit $rc, expected 3"
	[ "$(wc -l <"$TEST_TMP/err")" -eq 1 ] &&
		grep -q '^headroom: .*No space left on device$' "$TEST_TMP/err" ||
		fail "$what >/dev/full: stderr: $(cat "$TEST_TMP/err")"
	[ "$rc" -ne 3 ] || ok "$what >/dev/full: exit 3 with the message"
done <<EOF2
check|--root $D check --census $C --target 10000
check json|--root $D check --census $C --format json
census|census --replay $C
profiles|profiles
profiles c10k|profiles c10k
explain --list|explain --list
explain|explain too many open files
apply --dry-run|--root $R apply --dry-run c10k
history|--root $R history
help|--help
version|--version
check --help|check --help
EOF2

# EPIPE is not an error to report: the reader is gone on purpose
(trap '' PIPE; "$H" explain --list 2>"$TEST_TMP/err" | head -n 1 >/dev/null)
[ ! -s "$TEST_TMP/err" ] || fail "EPIPE was reported: $(cat "$TEST_TMP/err")"
pass
