#!/bin/sh
# Hostile input to explain -: a line of 64 MB under a memory cap far
# smaller than it, binary noise, NUL bytes, invalid UTF-8 and terminal escape
# sequences, empty input. No crash, bounded memory, clear output.
. "$top_srcdir/tests/explain/lib.sh"

# Sanitizer builds reserve terabytes of address space: no cap for them.
cap=49152
if grep -q __asan_init "$HEADROOM" 2>/dev/null; then
	cap=unlimited
fi

# A 64 MB line whose message is at its end, then a short one: read in
# 48 MB of address space, so the line cannot have been held whole.
(
	ulimit -v "$cap" || exit 99
	{
		head -c 67108864 /dev/zero | tr '\0' 'x'
		printf ' accept tcp [::]:80: accept4: too many open files; retrying in 5ms\n'
		printf 'VFS: file-max limit 1048576 reached\n'
	} | "$HEADROOM" -q explain --no-live -
) >"$tmp/long" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "64 MB line: exit $rc: $(head -3 "$tmp/long")"
grep -q '^2 lines read: 2 explained by 2 signatures, 0 not recognised; 1 longer than 64 KiB' \
	"$tmp/long" || fail "64 MB line: $(head -1 "$tmp/long")"
grep -q 'go.accept-emfile' "$tmp/long" || fail "64 MB line: the message at its end was missed"

# A 10 MB line with the message first.
{
	printf 'dial tcp 127.0.0.1:80: socket: too many open files '
	head -c 10485760 /dev/zero | tr '\0' 'y'
	echo
} | "$HEADROOM" -q explain --no-live - >"$tmp/ten" 2>&1
grep -q 'go.socket-emfile' "$tmp/ten" || fail "10 MB line: $(head -1 "$tmp/ten")"

# Binary noise (deterministic bytes, NULs included): nothing recognised, exit 1.
LC_ALL=C awk 'BEGIN { srand(3); for (i = 0; i < 4194304; i++) printf "%c", int(rand() * 256) }' \
	>"$tmp/noise"
"$HEADROOM" explain --no-live - <"$tmp/noise" >"$tmp/noise.out" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "noise: exit $rc"
grep -q ' lines read: 0 explained by 0 signatures, ' "$tmp/noise.out" ||
	fail "noise: $(head -1 "$tmp/noise.out")"

# A recognised line full of escape sequences, C1 controls, invalid UTF-8 and
# a NUL: explained, and printed without a raw control byte.
printf '\033[2J\033]0;owned\007\302\233 \377\376 \000 socket: too many open files \303\050\n' |
	"$HEADROOM" explain --no-live - >"$tmp/esc" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "escapes: exit $rc"
grep -q 'go.socket-emfile' "$tmp/esc" || fail "escapes: not recognised"
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/esc"; then
	fail "escapes: a control byte reached the output"
fi
grep -q '\\x1b\[2J' "$tmp/esc" || fail "escapes: ESC not shown as \\x1b"
printf '\033[2J \377 socket: too many open files\n' |
	"$HEADROOM" explain --no-live --format json - >"$tmp/esc.json"
if command -v python3 >/dev/null 2>&1; then
	python3 -m json.tool "$tmp/esc.json" >/dev/null || fail "escapes: invalid JSON"
fi

# Empty input: a clear line, exit 1.
"$HEADROOM" explain - </dev/null >"$tmp/empty" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "empty: exit $rc"
grep -q '^no input: 0 lines read' "$tmp/empty" || fail "empty: $(cat "$tmp/empty")"

pass "long lines (cap $cap KiB), noise, escapes, empty input"
