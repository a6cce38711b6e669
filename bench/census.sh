#!/bin/bash
# bench/census.sh: the socket census benchmark (not a test).
#
# Inside a fresh network namespace, hold N loopback connections open
# (2N sockets, default N = 100000) with bench/census-hold, then time in
# the same run, interleaved, R repetitions each of:
#   reference   bench/nl-count: a bare sock_diag dump that counts messages,
#               with the census's request (one legacy dump of both families)
#   census      headroom census
#   ss          ss -tan state established | wc -l
# and, for information, bench/nl-count -2 (one SOCK_DIAG_BY_FAMILY dump per
# family, as ss does) and headroom census --state established,
# and print the medians and the ratios census/reference (goal <= 1.2) and
# census/ss (goal <= 0.5). Exit 0 when both goals are met, 1 when one is
# missed, 77 when a network namespace cannot be made.
#
# Usage (from the build directory, or `make bench-census`):
#   bench/census.sh [-n CONNECTIONS] [-r REPETITIONS]
# HEADROOM and BENCH_BIN name the binary and the bench programs' directory
# (default ./src/headroom and ./bench).
set -eu

conns=100000
reps=7
while getopts n:r: opt; do
	case $opt in
	n) conns=$OPTARG ;;
	r) reps=$OPTARG ;;
	*) echo "usage: $0 [-n CONNECTIONS] [-r REPETITIONS]" >&2; exit 64 ;;
	esac
done
case "$conns$reps" in
*[!0-9]*) echo "census.sh: -n and -r take whole numbers" >&2; exit 64 ;;
esac
if [ "$conns" -lt 1 ] || [ "$conns" -gt 500000 ] || [ "$reps" -lt 1 ] || [ "$reps" -gt 100 ]; then
	echo "census.sh: -n is 1..500000, -r is 1..100" >&2
	exit 64
fi

HEADROOM=${HEADROOM:-./src/headroom}
BENCH_BIN=${BENCH_BIN:-./bench}
for prog in "$HEADROOM" "$BENCH_BIN/census-hold" "$BENCH_BIN/nl-count"; do
	if [ ! -x "$prog" ]; then
		echo "census.sh: $prog not built (run make, or set HEADROOM / BENCH_BIN)" >&2
		exit 64
	fi
done

# Re-run in a network namespace of our own: exact counts, and nothing of
# this machine's sockets or sysctls is touched.
if [ "${CENSUS_BENCH_NETNS:-}" != 1 ]; then
	if ! unshare -n true 2>/dev/null; then
		echo "census.sh: cannot create a network namespace (unshare -n): skipped" >&2
		exit 77
	fi
	CENSUS_BENCH_NETNS=1 exec unshare -n bash "$0" "$@"
fi
ip link set lo up

tmp=$(mktemp -d)
holder=
cleanup() {
	if [ -n "$holder" ]; then
		kill "$holder" 2>/dev/null || true
		wait "$holder" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# The holder stops by itself after 15 minutes at the latest.
"$BENCH_BIN/census-hold" -n "$conns" -t 900 >"$tmp/ready" 2>"$tmp/hold.err" &
holder=$!
for _ in $(seq 1 1500); do
	grep -q '^ready' "$tmp/ready" && break
	if ! kill -0 "$holder" 2>/dev/null; then
		echo "census.sh: the holder failed: $(cat "$tmp/hold.err")" >&2
		exit 1
	fi
	sleep 0.2
done
if ! grep -q '^ready' "$tmp/ready"; then
	echo "census.sh: $conns connections not ready after 300 s" >&2
	exit 1
fi

# Sanity: all three see the same sockets before anything is timed.
json=$("$HEADROOM" census --format json)
established=$(printf '%s\n' "$json" | sed -n 's/.*"established":\([0-9]*\).*/\1/p')
sockets=$(printf '%s\n' "$json" | sed -n 's/.*"sockets":\([0-9]*\).*/\1/p')
ss_established=$(($(ss -tan state established | wc -l) - 1))
ref_sockets=$("$BENCH_BIN/nl-count")
ref2_sockets=$("$BENCH_BIN/nl-count" -2)
if [ "$established" != $((2 * conns)) ] || [ "$ss_established" != $((2 * conns)) ] ||
	[ "$ref_sockets" != "$sockets" ] || [ "$ref2_sockets" != "$sockets" ]; then
	echo "census.sh: counts disagree: census $established established of $sockets," \
		"ss $ss_established, reference $ref_sockets and $ref2_sockets" \
		"(expected $((2 * conns)))" >&2
	exit 1
fi

# Wall time now, in microseconds, without a fork for the clock.
usec() {
	echo "${EPOCHREALTIME/./}"
}
# CPU time (user + system) of all children waited for so far, in
# microseconds, from the shell's own `times`, called without a subshell:
# a forked one would count none of our children.
to_usec() { # 0m1.234s
	local min=${1%%m*} sec=${1#*m}
	sec=${sec%s}
	local frac=${sec#*.}000000
	echo $(((min * 60 + 10#${sec%.*}) * 1000000 + 10#${frac:0:6}))
}
cpu_now() { # sets cpu_usec
	local cu cs
	times >"$tmp/times"
	{
		read -r _ _
		read -r cu cs
	} <"$tmp/times"
	cpu_usec=$(($(to_usec "$cu") + $(to_usec "$cs")))
}
run_reference() { "$BENCH_BIN/nl-count" >/dev/null; }
run_reference_v2() { "$BENCH_BIN/nl-count" -2 >/dev/null; }
run_census() { "$HEADROOM" census >/dev/null; }
run_census_est() { "$HEADROOM" census --state established >/dev/null; }
run_ss() { ss -tan state established | wc -l >/dev/null; }
tools=(reference reference_v2 census census_est ss)
for r in $(seq 1 "$reps"); do
	# Rotate the order so no tool always runs right after the same one.
	k=$(((r - 1) % ${#tools[@]}))
	for tool in "${tools[@]:k}" "${tools[@]:0:k}"; do
		cpu_now
		c0=$cpu_usec
		t0=$(usec)
		"run_$tool"
		t1=$(usec)
		cpu_now
		echo "$((t1 - t0))" >>"$tmp/$tool"
		echo "$((cpu_usec - c0))" >>"$tmp/$tool.cpu"
	done
done

median_ms() {
	sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f", m / 1000 }'
}
for tool in "${tools[@]}"; do
	printf -v "wall_$tool" '%s' "$(median_ms "$tool")"
	printf -v "cpu_$tool" '%s' "$(median_ms "$tool.cpu")"
done

echo "census benchmark: $conns loopback connections held ($sockets sockets), kernel $(uname -r)"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "median of $reps interleaved runs each:               wall ms     CPU ms"
row() {
	printf '  %-44s %9s %10s\n' "$1" "$2" "$3"
}
row "reference: bench/nl-count" "$wall_reference" "$cpu_reference"
row "bench/nl-count -2: per-family dumps (info)" "$wall_reference_v2" "$cpu_reference_v2"
row "headroom census" "$wall_census" "$cpu_census"
row "headroom census --state established (info)" "$wall_census_est" "$cpu_census_est"
row "ss -tan state established | wc -l" "$wall_ss" "$cpu_ss"
# The goals are judged on wall time; CPU time (user + system, all the
# processes of each command) is printed as the figure that load on a shared
# machine disturbs least.
awk -v c="$wall_census" -v r="$wall_reference" -v s="$wall_ss" \
	-v cc="$cpu_census" -v cr="$cpu_reference" -v cs="$cpu_ss" 'BEGIN {
	a = c / r; b = c / s
	printf "  census / reference = %.2f wall, %.2f CPU (goal <= 1.2) %s\n", a, cc / cr,
		a <= 1.2 ? "met" : "MISSED"
	printf "  census / ss        = %.2f wall, %.2f CPU (goal <= 0.5) %s\n", b, cc / cs,
		b <= 0.5 ? "met" : "MISSED"
	exit !(a <= 1.2 && b <= 0.5)
}'
