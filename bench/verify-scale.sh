#!/bin/sh
# bench/verify-scale.sh: verify at scale, end to end, next to bench/verify-ref
# (the plainest program doing the same work with the same layout) in the
# same invocation. For each target (default 100,000, 300,000, 1,000,000):
#   - verify's establishment rate and the reference's, and their ratio
#     (goal: verify >= 0.95x the reference);
#   - verify's wall time from start to exit (set-up, establishment,
#     teardown), with its teardown alone; for 1,000,000 the goal is <= 30 s,
#     printed as a ratio goal / measured (>= 1 meets it);
#   - the same run with the relay off (HEADROOM_VERIFY_RELAY=0: every
#     worker process at work at once): its rate and wall time;
#   - where the rate falls: the rate in each tenth of the target, from the
#     kernel's count of TCP sockets in use (/proc/net/sockstat, two per
#     connection) sampled every 0.2 s while verify runs.
#
# Run from the build directory as root (it makes its own network namespace):
#   make bench/verify-ref && sh ../bench/verify-scale.sh
# or `make bench-verify-scale`. Environment: HEADROOM (src/headroom), REF
# (bench/verify-ref), TARGETS ("100000 300000 1000000"). The three runs at
# 1,000,000 take about three minutes and some 10 GiB of kernel memory each.
set -eu

. "$(dirname "$0")/verify-lib.sh"
TARGETS=${TARGETS:-100000 300000 1000000}

in_bench_netns bench/verify-scale.sh "" "$@"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() {
	date +%s.%N
}

# sample PID: "SECONDS SOCKETS" every 0.2 s while PID runs
sample() {
	while kill -0 "$1" 2>/dev/null; do
		printf '%s %s\n' "$(now)" "$(sed -n 's/^TCP: inuse \([0-9]*\).*/\1/p' /proc/net/sockstat)"
		sleep 0.2
	done
}

# bands N: the rate in each tenth of N connections, from the samples
bands() {
	awk -v n="$1" '
	{ t[NR] = $1; c[NR] = $2 / 2 }
	END {
		band = 1; t0 = t[1]; c0 = 0
		for (i = 2; i <= NR && band <= 10; i++) {
			if (c[i] < band * n / 10 * 0.99) # the full count lasts only until teardown
				continue
			printf "%s%d%%:%.0f/s", (band > 1 ? " " : ""), band * 10, (c[i] - c0) / (t[i] - t0)
			t0 = t[i]; c0 = c[i]
			band = int(c[i] * 10 / n) + 1 > band + 1 ? int(c[i] * 10 / n) + 1 : band + 1
		}
		printf "\n"
	}' "$tmp/samples"
}

# run_verify N RELAY: verify --target N with HEADROOM_VERIFY_RELAY=RELAY
# ("" for the default); sets rate, wall, teardown; the samples in $tmp.
run_verify() {
	t0=$(now)
	env ${2:+HEADROOM_VERIFY_RELAY=$2} "$HEADROOM" verify --target "$1" --no-bare \
		--format json >"$tmp/json" &
	pid=$!
	sample $pid >"$tmp/samples"
	wait $pid || { echo "verify --target $1 failed: $(cat "$tmp/json")" >&2; exit 1; }
	wall=$(awk "BEGIN { print $(now) - $t0 }")
	rate=$(field rate <"$tmp/json")
	teardown=$(grep -o '"teardown": {"seconds": [0-9.]*' "$tmp/json" | sed 's/.*: //')
}

printf '%-8s %-10s %-10s %-7s %-9s %-9s %-11s %-9s %s\n' target "verify/s" "ref/s" ratio \
	"wall s" "teardown" "no relay/s" "wall s" "verify rate by tenth of the target"
for n in $TARGETS; do
	# The relay off first (every process at work at once), as before it.
	run_verify "$n" 0
	off_rate=$rate off_wall=$wall
	run_verify "$n" ""
	w=$(field clients <"$tmp/json")
	s=$(field servers <"$tmp/json")
	k=$(field sources <"$tmp/json")
	port=$(field listen_port <"$tmp/json")
	ref=$("$REF" "$n" "$w" "$s" "$k" "$port" | sed 's/.*, \([0-9.]*\)\/s/\1/')
	printf '%-8s %-10.0f %-10.0f %-7.2f %-9.1f %-9s %-11.0f %-9.1f %s\n' "$n" "$rate" "$ref" \
		"$(awk "BEGIN { print $rate / $ref }")" "$wall" "$teardown" "$off_rate" "$off_wall" \
		"$(bands "$n")"
	if [ "$n" = 1000000 ]; then
		printf '1,000,000 end to end: %.1f s (goal <= 30 s): goal/measured %.2f\n' "$wall" \
			"$(awk "BEGIN { print 30 / $wall }")"
	fi
done
