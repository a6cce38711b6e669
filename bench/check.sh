#!/bin/bash
# bench/check.sh: `headroom check` as a whole process against
# `cat /proc/self/limits` (not a test). Goal: check within 2x of cat.
#
# Both run in the same invocation, interleaved, R times each, on a machine
# with only a handful of sockets: the script re-runs itself in a network
# namespace of its own (with, where the kernel allows, a TCP hash table of
# its own of the host's size, so sockets other people hold elsewhere on a
# shared machine are neither counted nor walked) and holds 5 loopback
# connections there with bench/census-hold when it is built.
#
# Timing: hyperfine when installed (-N: no shell in between, warm-up
# runs), else a bash loop that reads $EPOCHREALTIME and the times builtin
# around each run (no fork for the clock). It prints the wall-time median
# and mean and the CPU time of each, and the ratios: the goal is judged on
# the wall-time medians; the CPU-time ratio is the figure to trust on a
# loaded machine, where a longer process waits for a CPU more often.
# Exit 0 when the goal is met, 1 when missed, 77 when no network namespace
# can be made (give -H to run in the host's).
#
# On a machine other work keeps busy, run it at a real-time priority so
# neither command waits for a CPU: chrt -f 10 bench/check.sh (as root).
#
# Usage (from the build directory, or `make bench-check`):
#   bench/check.sh [-r RUNS] [-t TARGET] [-l] [-H]
#     -r RUNS    runs of each command (default 300)
#     -t TARGET  the check's --target (default 10000)
#     -l         the shell loop even when hyperfine is installed
#     -H         the host's network namespace, as it is
# HEADROOM and BENCH_BIN name the binary and the bench programs' directory
# (default ./src/headroom and ./bench).
set -eu

runs=300
target=10000
loop=0
host_netns=0
while getopts r:t:lH opt; do
	case $opt in
	r) runs=$OPTARG ;;
	t) target=$OPTARG ;;
	l) loop=1 ;;
	H) host_netns=1 ;;
	*) echo "usage: $0 [-r RUNS] [-t TARGET] [-l] [-H]" >&2; exit 64 ;;
	esac
done
case "$runs$target" in
*[!0-9]*) echo "check.sh: -r and -t take whole numbers" >&2; exit 64 ;;
esac
if [ "$runs" -lt 10 ] || [ "$runs" -gt 10000 ]; then
	echo "check.sh: -r is 10..10000" >&2
	exit 64
fi

HEADROOM=${HEADROOM:-./src/headroom}
BENCH_BIN=${BENCH_BIN:-./bench}
if [ ! -x "$HEADROOM" ]; then
	echo "check.sh: $HEADROOM not built (run make, or set HEADROOM)" >&2
	exit 64
fi
HEADROOM=$(realpath "$HEADROOM")
export HEADROOM BENCH_BIN

# Stage 1: a namespace of our own; in it, ask for a private TCP hash table
# for the namespaces it creates (a sysctl of this new namespace only), then
# stage 2: the namespace the benchmark runs in.
stage=${CHECK_BENCH_STAGE:-0}
if [ "$host_netns" = 0 ] && [ "$stage" = 0 ]; then
	if ! unshare -n true 2>/dev/null; then
		echo "check.sh: cannot create a network namespace (unshare -n): skipped (-H runs in the host's)" >&2
		exit 77
	fi
	CHECK_BENCH_STAGE=1 exec unshare -n bash "$0" "$@"
fi
if [ "$stage" = 1 ]; then
	ehash=$(cat /proc/sys/net/ipv4/tcp_ehash_entries)
	if [ -w /proc/sys/net/ipv4/tcp_child_ehash_entries ] &&
		echo "${ehash#-}" >/proc/sys/net/ipv4/tcp_child_ehash_entries 2>/dev/null; then
		CHECK_BENCH_STAGE=2 exec unshare -n bash "$0" "$@"
	fi
	echo "note: no tcp_child_ehash_entries here: the TCP hash table is the host's" >&2
fi
where="the host's network namespace"
if [ "$stage" != 0 ]; then
	ip link set lo up
	where="a private network namespace, TCP hash table of $(tr -d - </proc/sys/net/ipv4/tcp_ehash_entries) buckets"
fi

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

# A handful of real connections (they stop by themselves after 10 minutes).
if [ "$stage" != 0 ] && [ -x "$BENCH_BIN/census-hold" ]; then
	"$BENCH_BIN/census-hold" -n 5 -t 600 >"$tmp/ready" 2>"$tmp/hold.err" &
	holder=$!
	for _ in $(seq 1 100); do
		grep -q '^ready' "$tmp/ready" && break
		kill -0 "$holder" 2>/dev/null || break
		sleep 0.1
	done
fi
sockets=$(ss -tan | tail -n +2 | wc -l)

check_cmd="$HEADROOM check --target $target"
ref_cmd="cat /proc/self/limits"
# The check must work before it is timed.
set +e
$check_cmd >/dev/null 2>"$tmp/err"
status=$?
set -e
if [ "$status" -gt 3 ]; then
	echo "check.sh: '$check_cmd' failed (exit $status): $(cat "$tmp/err")" >&2
	exit 1
fi

# stats FILE: "median mean cpu" in ms from lines "WALL_US CPU_BEFORE CPU_AFTER"
# (the CPU figures as the times builtin prints them: 0m0.123s 0m0.045s).
stats() {
	sort -n -k1,1 "$1" | awk '
	function sec(t) { sub(/s$/, "", t); split(t, p, "m"); return p[1] * 60 + p[2] }
	{ w[NR] = $1; s += $1; cpu += sec($4) + sec($5) - sec($2) - sec($3) }
	END {
		m = (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2
		printf "%.3f %.3f %.3f", m / 1000, s / NR / 1000, cpu / NR * 1000
	}'
}

if [ "$loop" = 0 ] && command -v hyperfine >/dev/null 2>&1; then
	method="hyperfine -N -i --warmup 20 --runs $runs (the two commands one after the other)"
	hyperfine -N -i --warmup 20 --runs "$runs" --export-csv "$tmp/h.csv" \
		"$ref_cmd" "$check_cmd" >/dev/null 2>&1
	# command,mean,stddev,median,user,system,... in seconds, to
	# "median mean cpu" in ms.
	ref_stats=$(awk -F, 'NR == 2 { printf "%.3f %.3f %.3f", $4 * 1e3, $2 * 1e3, ($5 + $6) * 1e3 }' "$tmp/h.csv")
	chk_stats=$(awk -F, 'NR == 3 { printf "%.3f %.3f %.3f", $4 * 1e3, $2 * 1e3, ($5 + $6) * 1e3 }' "$tmp/h.csv")
else
	method="bash loop, \$EPOCHREALTIME and the times builtin around each run, the two interleaved"
	for _ in $(seq 1 20); do
		$ref_cmd >/dev/null
		$check_cmd >/dev/null 2>&1 || true
	done
	: >"$tmp/t0"
	: >"$tmp/t1"
	for r in $(seq 1 "$runs"); do
		# Alternate which goes first, so neither always follows the other.
		for i in $((r % 2)) $(((r + 1) % 2)); do
			times >"$tmp/before"
			t0=${EPOCHREALTIME/./}
			if [ "$i" = 0 ]; then
				$ref_cmd >/dev/null
			else
				$check_cmd >/dev/null 2>&1 || true
			fi
			t1=${EPOCHREALTIME/./}
			times >"$tmp/after"
			# The second line of `times`: user and system time of children.
			{ read -r _; read -r cpu0; } <"$tmp/before"
			{ read -r _; read -r cpu1; } <"$tmp/after"
			echo "$((t1 - t0)) $cpu0 $cpu1" >>"$tmp/t$i"
		done
	done
	ref_stats=$(stats "$tmp/t0")
	chk_stats=$(stats "$tmp/t1")
fi

read -r ref_med ref_mean ref_cpu <<<"$ref_stats"
read -r chk_med chk_mean chk_cpu <<<"$chk_stats"
echo "check benchmark: kernel $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  in $where, $sockets TCP sockets open"
echo "  timing: $method"
printf '  %-32s wall median %7s ms  mean %7s ms  CPU mean %7s ms\n' \
	"$ref_cmd" "$ref_med" "$ref_mean" "$ref_cpu" \
	"headroom check --target $target" "$chk_med" "$chk_mean" "$chk_cpu"
awk -v c="$chk_med" -v r="$ref_med" -v cc="$chk_cpu" -v rc="$ref_cpu" 'BEGIN {
	a = c / r
	printf "  check / cat = %.2f (wall medians; goal <= 2.0) %s\n", a, a <= 2.0 ? "met" : "MISSED"
	if (rc > 0)
		printf "  check / cat = %.2f (CPU time, user + system: what load on the machine does not change)\n", cc / rc
	exit !(a <= 2.0)
}'
