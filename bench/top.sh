#!/bin/bash
# bench/top.sh: what `headroom top` costs under load (a benchmark, not a test).
#
# Inside a fresh network namespace:
#   1. reference: the live view (in a detached tmux pane, default 1 s
#      interval) for S seconds with no connections: its CPU share;
#   2. the same with N loopback connections held open (2N sockets, default
#      N = 100000, by bench/census-hold): its CPU share (goal <= 0.5% of one
#      core) and the ratio to the reference; then, with the view at 1 s
#      and the connections still held, how long it takes to show a new
#      listener (with 5 connections in its accept queue) and a burst of
#      300 TIME_WAIT sockets (goal: each within 5 s);
#   3. `top --batch --interval 0.1` for R seconds with the connections still
#      held: RSS sampled every 10 s; goal: no growth after the warm-up (the
#      last sample is not above the one at 120 s). The warm-up covers the
#      first two full probes (one every ~45 s at 100k connections): the
#      second one's transient allocations settle the heap's high-water
#      mark, a one-time step of a few pages printed as "at 10 s".
# CPU is utime + stime from /proc/PID/stat; RSS is VmRSS from
# /proc/PID/status. Exit 0 when both goals are met, 1 when one is missed,
# 77 when a network namespace cannot be made.
#
# Usage (from the build directory, or `make bench-top`):
#   bench/top.sh [-n CONNECTIONS] [-s CPU_SECONDS] [-r RSS_SECONDS]
# Defaults: -n 100000 -s 240 -r 600 (-s covers at least three full probes
# at 100,000 connections: one every ~75 s). HEADROOM and BENCH_BIN name the
# binary and the bench programs' directory (default ./src/headroom, ./bench).
set -eu

conns=100000
secs=240
rss_secs=600
while getopts n:s:r: opt; do
	case $opt in
	n) conns=$OPTARG ;;
	s) secs=$OPTARG ;;
	r) rss_secs=$OPTARG ;;
	*) echo "usage: $0 [-n CONNECTIONS] [-s CPU_SECONDS] [-r RSS_SECONDS]" >&2; exit 64 ;;
	esac
done
case "$conns$secs$rss_secs" in
*[!0-9]*) echo "top.sh: -n, -s and -r take whole numbers" >&2; exit 64 ;;
esac
if [ "$conns" -lt 1 ] || [ "$conns" -gt 500000 ] || [ "$secs" -lt 10 ] || [ "$secs" -gt 3600 ] ||
	[ "$rss_secs" -lt 240 ] || [ "$rss_secs" -gt 3600 ]; then
	echo "top.sh: -n is 1..500000, -s is 10..3600, -r is 240..3600" >&2
	exit 64
fi

HEADROOM=$(realpath "${HEADROOM:-./src/headroom}")
BENCH_BIN=$(realpath "${BENCH_BIN:-./bench}")
for prog in "$HEADROOM" "$BENCH_BIN/census-hold"; do
	if [ ! -x "$prog" ]; then
		echo "top.sh: $prog not built (run make, or set HEADROOM / BENCH_BIN)" >&2
		exit 64
	fi
done
if ! command -v tmux >/dev/null 2>&1; then
	echo "top.sh: tmux is needed to run the view detached" >&2
	exit 64
fi

# Re-run in a network namespace of our own: exact counts, and nothing of
# this machine's sockets or sysctls is touched.
if [ "${TOP_BENCH_NETNS:-}" != 1 ]; then
	if ! unshare -n true 2>/dev/null; then
		echo "top.sh: cannot create a network namespace (unshare -n): skipped" >&2
		exit 77
	fi
	TOP_BENCH_NETNS=1 exec unshare -n bash "$0" "$@"
fi
ip link set lo up

tmp=$(mktemp -d)
holder=
batch=
cleanup() {
	tmux -S "$tmp/tmux.sock" kill-server 2>/dev/null || true
	for pid in $batch $holder; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

hz=$(getconf CLK_TCK)
cpu_ticks() { # utime + stime of PID (fields 14, 15; the comm has no spaces)
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# The view in a detached tmux pane (default 1 s interval); its pid on stdout.
start_view() {
	rm -f "$tmp/pid"
	tmux -S "$tmp/tmux.sock" -f /dev/null new-session -d -x 80 -y 24 \
		"sh -c 'echo \$\$ >$tmp/pid; exec $HEADROOM top'"
	for _ in $(seq 1 50); do
		[ -s "$tmp/pid" ] && break
		sleep 0.1
	done
	cat "$tmp/pid"
}

# seconds_until ERE: polls the view's screen every 0.1 s for up to 20 s;
# prints how long it took for a line to match (or "never").
seconds_until() {
	local t0=$EPOCHREALTIME
	for _ in $(seq 1 200); do
		if tmux -S "$tmp/tmux.sock" capture-pane -p | grep -Eq "$1"; then
			awk -v t0="$t0" -v t1="$EPOCHREALTIME" 'BEGIN { printf "%.1f", t1 - t0 }'
			return
		fi
		sleep 0.1
	done
	echo never
}

# A burst of 300 connections that the clients close first, on 127.0.0.1:7100:
# 300 client sockets left in TIME_WAIT.
time_wait_burst() {
	python3 - <<'EOP'
import socket
srv = socket.socket()
srv.bind(("127.0.0.1", 7100))
srv.listen(512)
clients = [socket.create_connection(("127.0.0.1", 7100)) for _ in range(300)]
accepted = [srv.accept()[0] for _ in range(300)]
for c in clients:
    c.close()
for a in accepted:
    a.close()
srv.close()
EOP
}

# The view for $secs seconds after a 3 s warm-up; prints its CPU share in %.
measure_view() {
	local pid t0 t1 c0 c1
	pid=$(start_view)
	sleep 3
	c0=$(cpu_ticks "$pid")
	t0=$EPOCHREALTIME
	sleep "$secs"
	c1=$(cpu_ticks "$pid")
	t1=$EPOCHREALTIME
	tmux -S "$tmp/tmux.sock" capture-pane -p >"$tmp/screen"
	tmux -S "$tmp/tmux.sock" kill-server
	awk -v c="$((c1 - c0))" -v hz="$hz" -v t0="$t0" -v t1="$t1" \
		'BEGIN { printf "%.3f", 100 * c / hz / (t1 - t0) }'
}

echo "top.sh: $conns connections, view for ${secs} s, batch RSS for ${rss_secs} s"
cpu_ref=$(measure_view)
echo "  view, no connections:        ${cpu_ref}% of one core"

# The holder stops by itself in any case.
"$BENCH_BIN/census-hold" -n "$conns" -t $((2 * secs + rss_secs + 300)) \
	>"$tmp/ready" 2>"$tmp/hold.err" &
holder=$!
for _ in $(seq 1 1500); do
	grep -q '^ready' "$tmp/ready" && break
	if ! kill -0 "$holder" 2>/dev/null; then
		echo "top.sh: the holder failed: $(cat "$tmp/hold.err")" >&2
		exit 1
	fi
	sleep 0.2
done
grep -q '^ready' "$tmp/ready" || { echo "top.sh: connections not ready after 300 s" >&2; exit 1; }

cpu_load=$(measure_view)
if ! grep -Eq "^established +$((2 * conns)) " "$tmp/screen"; then
	echo "top.sh: the view did not show $((2 * conns)) established sockets:" >&2
	cat "$tmp/screen" >&2
	exit 1
fi
echo "  view, $conns connections: ${cpu_load}% of one core" \
	"(ratio to no connections: $(awk -v a="$cpu_load" -v b="$cpu_ref" \
		'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'); goal <= 0.5%)"
sed -n '1p' "$tmp/screen" | sed 's/^/    screen: /'

# What the view notices, and how soon, with the connections still held.
start_view >/dev/null
sleep 3
"$BENCH_BIN/census-hold" -n 5 -p 7000 -s 200 -q 5 -B 8 -t 60 >/dev/null 2>&1 &
listener=$!
notice_listener=$(seconds_until ' accept queue +5/8 ')
kill "$listener" 2>/dev/null || true
wait "$listener" 2>/dev/null || true
time_wait_burst
notice_tw=$(seconds_until '^TIME_WAIT +(3[0-9][0-9]|[4-9][0-9][0-9]) ')
tmux -S "$tmp/tmux.sock" kill-server
echo "  view at 1 s, $conns connections: a new listener shown after ${notice_listener} s," \
	"a burst of 300 TIME_WAIT after ${notice_tw} s (goal: each <= 5 s)"

# RSS of --batch at 0.1 s, with the connections still held.
"$HEADROOM" top --batch --interval 0.1 >"$tmp/frames" &
batch=$!
: >"$tmp/rss"
for i in $(seq 10 10 "$rss_secs"); do
	sleep 10
	awk '/^VmRSS:/ { print $2 }' "/proc/$batch/status" >>"$tmp/rss"
done
frames=$(grep -c '^headroom top ' "$tmp/frames")
probed=$(grep -o 'probed [0-9]* [a-z]* ago' "$tmp/frames" | awk '{ print $2 }' | sort -n | tail -1)
kill "$batch"
wait "$batch" 2>/dev/null || true
batch=
read -r rss_first rss_base rss_last rss_max < <(awk 'NR == 1 { f = $1 } NR == 12 { b = $1 }
	{ l = $1; if ($1 > m) m = $1 } END { print f, b, l, m }' "$tmp/rss")
echo "  batch at 0.1 s: $frames frames; RSS at 10 s ${rss_first} KiB, at 120 s ${rss_base} KiB," \
	"at ${rss_secs} s ${rss_last} KiB, max ${rss_max} KiB (ratio ${rss_secs} s / 120 s:" \
	"$(awk -v a="$rss_last" -v b="$rss_base" 'BEGIN { printf "%.3f", a / b }'); goal: no growth)"
echo "  full probe (census of every socket) at most every ${probed:-0} s under this load"

status=0
awk -v c="$cpu_load" 'BEGIN { exit !(c <= 0.5) }' || { echo "top.sh: CPU goal missed"; status=1; }
for t in "$notice_listener" "$notice_tw"; do
	awk -v t="$t" 'BEGIN { exit !(t != "never" && t <= 5) }' || { echo "top.sh: noticed too late"; status=1; }
done
[ "$rss_last" -le "$rss_base" ] || { echo "top.sh: RSS grew"; status=1; }
[ "$status" = 0 ] && echo "top.sh: goals met"
exit "$status"
