#!/bin/sh
# bench/verify.sh: `headroom verify` against bench/verify-ref, the plainest
# program doing the same work with the same processes, event loops and
# source spreading. For each target it runs both three times, alternating,
# and compares the best establishment rate of each (goal: verify >= 0.95x).
# Then verify's user-space memory per connection: the peak RSS of all its
# processes at 100,000 minus a near-zero run with the same layout (goal:
# <= 64 bytes per connection).
#
# Run from the build directory as root (it makes its own network namespace):
#   make bench/verify-ref && sh ../bench/verify.sh
# Environment: HEADROOM (default src/headroom), REF (default
# bench/verify-ref), TARGETS (default "10000 50000 100000"), RUNS (3).
set -eu

. "$(dirname "$0")/verify-lib.sh"
TARGETS=${TARGETS:-10000 50000 100000}
RUNS=${RUNS:-3}

in_bench_netns bench/verify.sh "" "$@"

best() { # best of the numbers on stdin
	sort -g | tail -1
}

echo "target   verify conn/s   ref conn/s   ratio (goal >= 0.95)   layout"
for n in $TARGETS; do
	json=$("$HEADROOM" verify --target "$n" --format json)
	w=$(echo "$json" | field clients)
	s=$(echo "$json" | field servers)
	k=$(echo "$json" | field sources)
	port=$(echo "$json" | field listen_port)
	vrates=$(echo "$json" | field rate)
	rrates=""
	i=1
	while [ "$i" -le "$RUNS" ]; do
		r=$("$REF" "$n" "$w" "$s" "$k" "$port" | sed 's/.*, \([0-9.]*\)\/s/\1/')
		rrates="$rrates $r"
		if [ "$i" -lt "$RUNS" ]; then
			v=$("$HEADROOM" verify --target "$n" --format json | field rate)
			vrates="$vrates $v"
		fi
		i=$((i + 1))
	done
	vb=$(echo "$vrates" | tr ' ' '\n' | grep . | best)
	rb=$(echo "$rrates" | tr ' ' '\n' | grep . | best)
	printf "%-8s %-15.0f %-12.0f %-21.2f %s clients, %s servers, %s sources\n" \
		"$n" "$vb" "$rb" "$(awk "BEGIN { print $vb / $rb }")" "$w" "$s" "$k"
done

n=100000
json=$("$HEADROOM" verify --target $n --format json)
w=$(echo "$json" | field clients)
s=$(echo "$json" | field servers)
k=$(echo "$json" | field sources)
peak=$(echo "$json" | field peak_rss_bytes)
zero=$((w > s ? w : s))
base=$("$HEADROOM" verify --target $zero --processes "$w" --server-processes "$s" \
	--sources "$k" --format json | field peak_rss_bytes)
per=$(awk "BEGIN { print ($peak - $base) / ($n - $zero) }")
printf "memory: %s processes, peak RSS %s B at %s connections, %s B at %s: %.1f B/conn (goal <= 64)\n" \
	"$((w + s + 1))" "$peak" "$n" "$base" "$zero" "$per"
