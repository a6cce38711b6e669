#!/bin/sh
# Live census: in a fresh network namespace, hold a known set of loopback
# connections and check that `headroom census` counts them exactly:
#   300 IPv4 connections to 127.0.0.1:5000 from 127.0.0.2 (ephemeral ports)
#   20 IPv6 connections to [::1]:6000 from ports 20000-20019, 5 of them left
#   in the accept queue of a listener with backlog 16.
# Also: --state filtering, and a --record / --replay round trip.
# Skipped (77) when no network namespace can be made.
set -e
. "$top_srcdir/tests/lib/functions.sh"
need_netns --userns
hold=$top_builddir/bench/census-hold
tmp=$TEST_TMP

"$hold" -n 300 -p 5000 -s 2 -t 60 >"$tmp/v4" &
started $!
"$hold" -6 -n 20 -p 6000 -b 20000 -q 5 -B 16 -t 60 >"$tmp/v6" &
started $!
both_ready() {
	grep -q '^ready' "$tmp/v4" && grep -q '^ready' "$tmp/v6"
}
wait_until 20 both_ready || fail "holders not ready after 20 s"

# The value of a numeric JSON key (the keys checked here are unique).
jget() {
	printf '%s\n' "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"
}
expect() {
	got=$(jget "$1" "$2")
	[ "$got" = "$3" ] || fail "$2: got '$got', want $3 (ss: $(ss -tan | awk 'NR > 1 { print $1 }' | sort | uniq -c | tr '\n' ' '))"
}

json=$("$HEADROOM" census --format json)
expect "$json" established 640
expect "$json" listen 2
expect "$json" time_wait 0
expect "$json" sockets 642
expect "$json" sockets_ipv6 41
expect "$json" in_use 300
case $json in
*'"listeners":[{"family":"ipv6","address":"::1","port":6000,"queue":5,"backlog":16},{"family":"ipv4","address":"127.0.0.1","port":5000,"queue":0,"backlog":4096}]'*) ;;
*) fail "listeners (fullest first) wrong: $json" ;;
esac

json=$("$HEADROOM" census --format json --state established)
expect "$json" sockets 640
expect "$json" listen 0
case $json in *'"listeners":[]'*) ;; *) fail "listeners with --state established: $json" ;; esac

"$HEADROOM" census --format json --record "$tmp/dump.nl" >"$tmp/live.json"
"$HEADROOM" census --format json --replay "$tmp/dump.nl" >"$tmp/replay.json"
# the two documents were made a moment apart: generated_at may differ
golden_normalise "$tmp/live.json"
golden_normalise "$tmp/replay.json"
sed 's/"source":"kernel"/"source":"replay"/' "$tmp/live.json" | cmp -s - "$tmp/replay.json" ||
	fail "replay differs from the live census it recorded: $(cat "$tmp/live.json" "$tmp/replay.json")"
expect "$(cat "$tmp/replay.json")" established 640

text=$("$HEADROOM" census)
printf '%s\n' "$text" | grep -q '^  ESTABLISHED  *640$' || fail "text output: $text"
printf '%s\n' "$text" | grep -q '^Ephemeral ports in use: 300 of 28232 (32768-60999)$' ||
	fail "text output: $text"
pass "320 connections counted exactly, record/replay round trip equal"
