#!/bin/sh
# The live check ranks an ambiguous line's candidates: a watched process at
# its fd limit moves "its nofile" to first, in text and in JSON.
. "$top_srcdir/tests/explain/lib.sh"
need_cmd bash # fds above 9

# A process with a soft limit of 64 and 61 descriptors open; it ends by
# itself after 30 s.
bash -c 'ulimit -Sn 64 || exit 1
	for fd in $(seq 3 60); do eval "exec $fd</dev/null"; done
	exec sleep 30' </dev/null >/dev/null 2>&1 &
pid=$!
started "$pid"
wait_comm "$pid" sleep
open=$(ls "/proc/$pid/fd" | wc -l)
[ "$open" -ge 58 ] || skip "only $open descriptors open"

msg='websocket: close 1006 (abnormal closure): unexpected EOF'
# Without --pid nothing is known of the server: the catalogue's order.
"$HEADROOM" explain "$msg" >"$tmp/plain" 2>&1 || fail "plain: exit $?"
grep -q '^  cause:   app.server-died' "$tmp/plain" || fail "plain: $(grep cause: "$tmp/plain")"

"$HEADROOM" explain --pid "$pid" "$msg" >"$tmp/out" 2>&1 || fail "exit $?: $(cat "$tmp/out")"
grep -q '^  cause:   nofile.soft (first by what this machine shows now; the message alone points to app.server-died)' \
	"$tmp/out" || fail "cause: $(grep cause: "$tmp/out")"
grep -q '^  candidates, most likely first (moved up by what this machine shows now):' "$tmp/out" ||
	fail "no ranked candidates"
grep -q '^  1\. nofile.soft$' "$tmp/out" || fail "first candidate: $(grep '^  [0-9]\.' "$tmp/out")"
grep -q "^     now:     pid $pid (sleep): $open of 64 open$" "$tmp/out" ||
	fail "evidence: $(grep 'now:' "$tmp/out")"
grep -q '^  2\. app.server-died' "$tmp/out" || fail "second candidate"

"$HEADROOM" explain --format json --pid "$pid" "$msg" >"$tmp/json" 2>&1 || fail "json: exit $?"
grep -q '"cause":"nofile.soft","layer":"nofile.soft","signature_cause":"app.server-died"' "$tmp/json" ||
	fail "json cause: $(grep -o '"cause":"[^"]*","layer[^,]*,"signature_cause":"[^"]*"' "$tmp/json")"
grep -q "\"candidates\":\\[{\"cause\":\"nofile.soft\",[^]]*\"evidence\":2,\"live\":\"pid $pid (sleep): $open of 64 open\"}" \
	"$tmp/json" || fail "json candidates"
pass "pid $pid with $open of 64 fds open leads the candidates"
