#!/bin/sh
# explain --pid confirms against the process: its real soft limit and its
# real count of open descriptors, in text and in JSON.
. "$top_srcdir/tests/explain/lib.sh"

# A process with soft limit 1024 and a few more descriptors open than it
# inherited; it ends by itself after 30 s.
[ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge 1024 ] || skip "hard limit below 1024"
sh -c 'ulimit -Sn 1024 && exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null &&
	exec sleep 30' </dev/null >/dev/null 2>&1 &
pid=$!
started "$pid"
sleep 0.2
[ -d "/proc/$pid/fd" ] || skip "cannot start the test process"
open=$(ls "/proc/$pid/fd" | wc -l)

"$HEADROOM" explain --pid "$pid" 'http: Accept error: accept tcp [::]:8080: accept4: too many open files; retrying in 5ms' \
	>"$tmp/out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "exit $rc: $(cat "$tmp/out")"
grep -q '^go.accept-emfile:' "$tmp/out" || fail "no explanation"
grep -q "^  nofile.soft .* limit 1,024; $open in use in pid $pid (sleep) - " "$tmp/out" ||
	fail "nofile.soft of the pid: $(grep nofile.soft "$tmp/out")"
grep -q "^  nofile.hard .* in pid $pid (sleep) - " "$tmp/out" ||
	fail "nofile.hard of the pid: $(grep nofile.hard "$tmp/out")"

"$HEADROOM" explain --format json --pid "$pid" 'socket: too many open files' >"$tmp/json"
grep -q "\"id\":\"nofile.soft\",.*\"limit\":1024,\"use\":$open,.*\"pid\":$pid," "$tmp/json" ||
	fail "json: $(grep -o '"id":"nofile.soft"[^}]*' "$tmp/json")"
if command -v python3 >/dev/null 2>&1; then
	python3 -m json.tool "$tmp/json" >/dev/null || fail "json: not valid"
fi
# Not allowed to look into the process: 77, before any report is printed.
if can_drop_root; then
	$AS_NOBODY "$HEADROOM" explain --pid "$pid" 'socket: too many open files' >"$tmp/perm" 2>&1
	rc=$?
	[ "$rc" -eq 77 ] || fail "unprivileged --pid: exit $rc: $(cat "$tmp/perm")"
	grep -q 'permission denied' "$tmp/perm" || fail "unprivileged --pid: $(cat "$tmp/perm")"
else
	echo "(not root: the unprivileged --pid case is not run)"
fi
pass "pid $pid: limit 1,024, $open open"
