#!/bin/sh
# headroom explain on the command line: golden outputs (with --no-live, so
# they do not depend on this machine), exit statuses, options, bad input.
. "$top_srcdir/tests/explain/lib.sh"

# expect STATUS NAME COMMAND...: run, keep stdout in $tmp/NAME, check status.
expect() {
	want=$1 name=$2
	shift 2
	"$@" >"$tmp/$name" 2>"$tmp/$name.err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$name: exit $got, want $want: $(cat "$tmp/$name.err")"
}

golden() {
	if diff -u "$here/expected/$1" "$tmp/$1"; then
		echo "ok $1"
	else
		fail "$1 differs from tests/explain/expected/$1"
	fi
}

# One message: cause, why, confirm, fix.
expect 0 lookup.txt "$HEADROOM" explain --no-live 'dial tcp: lookup localhost: no such host'
golden lookup.txt
# A log: counts, first and last lines, one block per cause.
expect 0 small-log.txt "$HEADROOM" explain --no-live - <"$here/small.log"
golden small-log.txt
# -q: the table only.
expect 0 small-log-q.txt "$HEADROOM" -q explain --no-live - <"$here/small.log"
golden small-log-q.txt

# The live check, read from a fixture host with --root (its path printed
# as ROOT so the output does not depend on where the tree is).
root="$top_srcdir/tests/fixtures/hosts/debian12"
expect 0 root-live.raw "$HEADROOM" --root "$root" explain \
	'2024/05/01 12:00:00 dial tcp 127.0.0.1:8080: socket: too many open files'
sed "s|$root|ROOT|" "$tmp/root-live.raw" >"$tmp/root-live.txt"
golden root-live.txt
expect 0 root-live.json "$HEADROOM" --root "$root" explain --format json 'socket: too many open files'
grep -q '"live":{"schema":1,.*"layers":\[' "$tmp/root-live.json" || fail "root-live.json: no live report"
grep -q '"id":"nofile.hard",.*"limit":524288,' "$tmp/root-live.json" || fail "root-live.json: nofile.hard"

# Unquoted words are one message; -- protects a message starting with '-'.
expect 0 words "$HEADROOM" explain --no-live dial tcp 10.0.0.1:80: socket: too many open files
grep -q '^go.socket-emfile:' "$tmp/words" || fail "words: $(head -1 "$tmp/words")"
expect 0 dashdash "$HEADROOM" explain --no-live -- \
	'-bash: ulimit: open files: cannot modify limit: Operation not permitted'
grep -q '^sh.ulimit-eperm:' "$tmp/dashdash" || fail "dashdash: $(head -1 "$tmp/dashdash")"

# Nothing recognised: exit 1, like grep, and a pointer to the catalogue.
expect 1 nomatch "$HEADROOM" explain --no-live 'all is well'
grep -q 'no known signature' "$tmp/nomatch" || fail "nomatch: no message"
printf 'INFO a\nINFO b\n' | expect 1 nomatch-log "$HEADROOM" explain -
grep -q '^2 lines read: 0 explained by 0 signatures, 2 not recognised' "$tmp/nomatch-log" ||
	fail "nomatch-log: $(head -1 "$tmp/nomatch-log")"

# Usage errors (64) and bad data (65), each with a one-line message.
expect 64 noargs "$HEADROOM" explain
expect 64 extra "$HEADROOM" explain - extra
expect 64 format "$HEADROOM" explain --format xml 'x'
expect 64 nolive-pid "$HEADROOM" explain --no-live --pid 1 'x'
expect 64 list-text "$HEADROOM" explain --list 'x'
expect 64 badopt "$HEADROOM" explain --bogus 'x'
expect 65 pid0 "$HEADROOM" explain --pid 0 'x'
expect 65 pidword "$HEADROOM" explain --pid abc 'x'
expect 65 nopid "$HEADROOM" explain --pid 2147483647 'socket: too many open files'
grep -q 'no such process' "$tmp/nopid.err" || fail "nopid: $(cat "$tmp/nopid.err")"
[ -s "$tmp/nopid" ] && fail "nopid: printed a report"
# Unreadable input: 3, naming it.
expect 3 readerr "$HEADROOM" explain - <"$here"
grep -q 'standard input' "$tmp/readerr.err" || fail "readerr: $(cat "$tmp/readerr.err")"

# --list: every entry of the samples file, one line per pattern.
expect 0 list "$HEADROOM" explain --list
for id in $(sed -n 's/^\[\(.*\)\]$/\1/p' "$here/samples.txt"); do
	grep -q "^$id	" "$tmp/list" || fail "--list lacks $id"
done

# --help documents the options, the exit status and examples.
expect 0 help "$HEADROOM" explain --help
for word in --pid --format --no-live --list 'Exit status' 'headroom explain -'; do
	grep -q -- "$word" "$tmp/help" || fail "--help lacks $word"
done

# JSON: one object with exact counts; valid JSON when python3 can tell.
expect 0 json "$HEADROOM" explain --no-live --format json - <"$here/small.log"
grep -q '"lines":13,"recognised":10,"unrecognised":3,' "$tmp/json" || fail "json counts"
grep -q '"signature":"go.accept-emfile","family":"runtimes","cause":"nofile.soft"' "$tmp/json" || fail "json cause"
grep -q '"live":null' "$tmp/json" || fail "json live with --no-live"
expect 0 list-json "$HEADROOM" explain --list --format json
if command -v python3 >/dev/null 2>&1; then
	for f in json list-json root-live.json; do
		python3 -m json.tool "$tmp/$f" >/dev/null || fail "$f: not valid JSON"
	done
fi
exit $status
