#!/bin/bash
# bench/explain.sh: throughput of `headroom explain -` against
# `grep -c -E` with the same patterns, over the same generated log, in the
# same run (machines are noisy: only the ratio means something).
#
#   make bench-explain [BENCH_ARGS="SIZE_MB ERROR_PERCENT"]
#   HEADROOM=src/headroom EXPLAIN_ERE=bench/explain-ere bench/explain.sh 1024 5
#
# The log (default 1 GiB, 5% error lines) is built in /tmp from the sample
# lines of every catalogue entry (tests/explain/samples.txt) mixed with
# ordinary access-log, application and load-generator lines, and removed
# at the end. grep runs with LC_ALL=C (its fastest mode) both as asked
# (grep -c -E) and with -i, which is what explain does (ASCII case
# folding); the recognised counts of explain and grep -i must be equal, or
# the comparison is not fair and the run fails. Goal: ratio >= 5.
set -euo pipefail
: "${HEADROOM:?set HEADROOM to the headroom binary}"
: "${EXPLAIN_ERE:?set EXPLAIN_ERE to bench/explain-ere}"
here=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${1:-1024}
error_pct=${2:-5}
runs=3

work=$(mktemp -d /tmp/headroom-bench-explain.XXXXXX)
trap 'rm -rf "$work"' EXIT

calc() { awk "BEGIN { print ($1) }"; }

"$EXPLAIN_ERE" >"$work/patterns.ere"
npatterns=$(wc -l <"$work/patterns.ere")

# A 16 MB chunk of realistic lines, repeated up to the size asked.
LC_ALL=C awk -v n=150000 -v seed=11 -v errors="$(calc "$error_pct / 100")" \
	-v expected=/dev/null -f "$here/tests/explain/mixed-log.awk" \
	"$here/tests/explain/samples.txt" >"$work/chunk.log"
chunk=$(stat -c %s "$work/chunk.log")
copies=$(((size_mb * 1024 * 1024 + chunk - 1) / chunk))
for _ in $(seq "$copies"); do cat "$work/chunk.log"; done >"$work/big.log"
rm "$work/chunk.log"
bytes=$(stat -c %s "$work/big.log")
lines=$(wc -l <"$work/big.log")
echo "log: $((bytes / 1024 / 1024)) MiB, $lines lines, ${error_pct}% error lines;" \
	"$npatterns patterns"

# best_of NAME COMMAND...: the fastest of $runs runs (the log is in the page
# cache after the first read), in CPU seconds (user + system: other jobs on
# a shared machine stretch wall time, not CPU time) and in wall seconds.
# The count the command printed lands in $count, the CPU seconds in $seconds.
best_of() {
	local name=$1 best= wall= t
	shift
	for _ in $(seq "$runs"); do
		TIMEFORMAT='%R %U %S'
		{ time "$@" >"$work/count"; } 2>"$work/time"
		t=$(awk '{ print $2 + $3 }' "$work/time")
		if [ -z "$best" ] || [ "$(calc "$t < $best")" = 1 ]; then
			best=$t
			wall=$(awk '{ print $1 }' "$work/time")
		fi
	done
	count=$(cat "$work/count")
	printf '%-22s %6.2f s CPU %7.1f MB/s  (%6.2f s wall)  count %s\n' "$name" "$best" \
		"$(calc "$bytes / $best / 1000000")" "$wall" "$count"
	seconds=$best
}

explain_count() {
	"$HEADROOM" -q explain --no-live - <"$work/big.log" |
		sed -n '1s/^[0-9,]* lines\{0,1\} read: \([0-9,]*\) explained.*/\1/p' | tr -d ,
}

cat "$work/big.log" >/dev/null
best_of "headroom explain -" explain_count
t_explain=$seconds c_explain=$count
best_of "grep -c -E" env LC_ALL=C grep -c -E -f "$work/patterns.ere" "$work/big.log"
t_grep=$seconds
best_of "grep -c -i -E" env LC_ALL=C grep -c -i -E -f "$work/patterns.ere" "$work/big.log"
t_grepi=$seconds c_grepi=$count

if [ "$c_explain" != "$c_grepi" ]; then
	echo "FAIL: explain recognised $c_explain lines, grep -i $c_grepi: not the same patterns"
	exit 1
fi
if command -v /usr/bin/time >/dev/null; then
	/usr/bin/time -f "headroom explain - peak memory: %M KiB" \
		"$HEADROOM" -q explain --no-live - <"$work/big.log" >/dev/null
fi
ratio=$(calc "$t_grep / $t_explain")
ratio_i=$(calc "$t_grepi / $t_explain")
printf 'ratio (throughput of explain / grep -c -E, CPU time):    %.2f\n' "$ratio"
printf 'ratio (throughput of explain / grep -c -i -E, CPU time): %.2f\n' "$ratio_i"
if [ "$(calc "$ratio >= 5 && $ratio_i >= 5")" = 1 ]; then
	echo "goal (>= 5x grep) met"
else
	echo "goal (>= 5x grep) NOT met"
	exit 1
fi
