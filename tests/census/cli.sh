#!/bin/sh
# `headroom census` on recorded dumps: golden text and JSON output (with
# --root trees that set ip_local_port_range), --state, --listeners, -q,
# the fallback note, --help, and every bad input with its exit status.
# Set UPDATE=1 to rewrite the expected files.
set -e
. "$top_srcdir/tests/lib/functions.sh"
keep_going
fx=$top_srcdir/tests/fixtures/census
exp=$TEST_DIR/expected
tmp=$TEST_TMP

# golden NAME ARGS...: stdout and exit 0 must match expected/NAME.
golden() {
	name=$1
	shift
	if ! "$HEADROOM" "$@" >"$tmp/out" 2>"$tmp/err"; then
		fail "$name: exit $? ($(cat "$tmp/err"))"
		return
	fi
	expect_golden "$exp/$name" "$tmp/out" "$name" || true
}

golden mix.txt --root "$fx/root-default" census --replay "$fx/mix.nl"
# ss --diag writes one dump per family: the same sockets, the same output.
golden mix.txt --root "$fx/root-default" census --replay "$fx/mix-ss.nl"
golden mix.json --root "$fx/root-default" census --replay "$fx/mix.nl" --format json
golden mix-states.txt --root "$fx/root-default" census --replay "$fx/mix.nl" \
	--state time-wait --state CLOSE_WAIT --state bound-inactive
golden mix-states.json --root "$fx/root-default" census --replay "$fx/mix.nl" \
	--state time-wait --state CLOSE_WAIT --state bound-inactive --format json
golden mix-listeners1.txt --root "$fx/root-default" census --replay "$fx/mix.nl" --listeners 1
golden tuned100k.txt --root "$fx/root-tuned" census --replay "$fx/tuned100k.nl"
golden tuned100k.json --root "$fx/root-tuned" census --replay "$fx/tuned100k.nl" --format json
golden debian12.txt --root "$fx/root-default" census --replay "$fx/debian12.nl"
golden container.json --root "$fx/root-default" census --replay "$fx/container.nl" --format json
golden none.txt --root "$fx/root-default" census --replay "$fx/none.nl"
golden quiet.txt --root "$fx/root-default" -q census --replay "$fx/mix.nl"

# No ip_local_port_range under --root: the kernel default, with a note.
out=$("$HEADROOM" --root "$fx" census --replay "$fx/mix.nl")
echo "$out" | grep -q '^Ephemeral ports in use: 18 of 28232 (32768-60999)$' ||
	fail "fallback range: $out"
echo "$out" | grep -q '^  note: net.ipv4.ip_local_port_range unreadable (No such file or directory): kernel default 32768-60999$' ||
	fail "fallback note: $out"
"$HEADROOM" --root "$fx" census --replay "$fx/mix.nl" --format json |
	grep -q '"range_source":"default".*"note":"net.ipv4.ip_local_port_range unreadable' ||
	fail "fallback note in JSON"

# --help names every option, each with an example.
help=$("$HEADROOM" census --help) || fail "--help exit $?"
for opt in --state --format --listeners --record --replay --root; do
	echo "$help" | grep -q -- "$opt" || fail "--help does not list $opt"
done
[ "$(echo "$help" | grep -c 'e\.g\. ')" -ge 5 ] || fail "--help lacks examples"

# expect_exit STATUS WHAT ARGS...: the exit status and a one-line error
# naming WHAT (usage errors add the usage line).
expect_exit() {
	want=$1 what=$2
	shift 2
	expect_error -G "$want" "$what" "$HEADROOM" "$@" || true
	lines=$(wc -l <"$ERR")
	# A bad command line says what and then "Try 'headroom census --help'.".
	if grep -q "^Try 'headroom census --help'.$" "$ERR"; then max=2; else max=1; fi
	[ "$lines" -le "$max" ] || fail "$*: $lines lines of error: $(cat "$ERR")"
}
expect_exit 64 "unknown TCP state 'bogus'" census --state bogus
expect_exit 64 "'xml' is not text or json" census --format xml
expect_exit 65 "--listeners: -1 is out of range" census --listeners -1
expect_exit 65 "--listeners: not a number: '3x'" census --listeners 3x
expect_exit 64 "unknown option '--frobnicate'" census --frobnicate
expect_exit 64 "--replay: missing argument" census --replay
expect_exit 64 "unexpected argument 'extra'" census extra
expect_exit 64 "exclude each other" census --record "$tmp/a" --replay "$fx/mix.nl"

# A replayed file that is not a whole dump is bad data (65); one that
# cannot be read is an unknown (3).
: >"$tmp/empty.nl"
expect_exit 65 "$tmp/empty.nl: empty file, not a recorded dump" census --replay "$tmp/empty.nl"
head -c 1000 "$fx/mix.nl" >"$tmp/cut.nl"
expect_exit 65 "$tmp/cut.nl: truncated at byte" census --replay "$tmp/cut.nl"
printf 'this is not a netlink dump at all\n' >"$tmp/text.nl"
expect_exit 65 "$tmp/text.nl: bad message length" census --replay "$tmp/text.nl"
expect_exit 3 "census: $tmp/missing.nl: No such file or directory" census --replay "$tmp/missing.nl"
expect_exit 3 "census: record: $tmp/no/dir.nl: No such file or directory" \
	census --record "$tmp/no/dir.nl"
expect_exit 65 "--root" --root "$tmp/missing-root" census --replay "$fx/mix.nl"

# A recorded failure is bad data at its offset, never "sockets changed,
# try again" (issue 14, defect 15): an NLMSG_ERROR message (its errno
# INT_MIN, which must not be negated) and a dump flagged NLM_F_DUMP_INTR.
printf '\044\0\0\0\002\0\0\0\0\0\0\0\0\0\0\0\0\0\0\200\020\0\0\0\024\0\001\003\0\0\0\0\0\0\0\0' \
	>"$tmp/error.nl"
expect_exit 65 "$tmp/error.nl: an NLMSG_ERROR message (a failed dump) at byte 0" \
	census --replay "$tmp/error.nl"
# byte 6 is nlmsg_flags' low byte (little-endian): add NLM_F_DUMP_INTR (0x10)
flags=$(od -An -tu1 -j6 -N1 "$fx/mix.nl" | tr -d ' ')
{
	head -c 6 "$fx/mix.nl"
	printf "\\$(printf %o $((flags | 16)))"
	tail -c +8 "$fx/mix.nl"
} >"$tmp/intr.nl"
expect_exit 65 "$tmp/intr.nl: an interrupted dump (NLM_F_DUMP_INTR) at byte 0" \
	census --replay "$tmp/intr.nl"

# check --census: a dump that cannot be used is an error, as for census
# (issue 14, defect 11), not a note only -v shows
expect_exit 3 "--census: $tmp/missing.nl: No such file or directory" \
	--root "$fx/root-default" check --census "$tmp/missing.nl"
expect_exit 65 "--census: $tmp/error.nl: an NLMSG_ERROR" \
	--root "$fx/root-default" check --census "$tmp/error.nl"

pass
