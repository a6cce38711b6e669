#!/bin/sh
# bench/verify-profile.sh: where verify's time goes, per connection, next
# to bench/verify-ref (the plainest program doing the same work with the
# same processes) in the same invocation: CPU (user and system), context
# switches and syscalls per connection, as ratios verify / reference.
# perf stat counts the whole run of each (set-up to teardown); strace -c
# -f counts syscalls by name over a smaller target (strace slows every
# call, so its run is short; counts per connection do not depend on it).
#
# Run from the build directory as root (it makes its own network namespace):
#   make bench/verify-ref && sh ../bench/verify-profile.sh
# Environment: HEADROOM (default src/headroom), REF (bench/verify-ref),
# N (100000), NSTRACE (20000).
set -eu

. "$(dirname "$0")/verify-lib.sh"
N=${N:-100000}
NSTRACE=${NSTRACE:-20000}

in_bench_netns bench/verify-profile.sh "perf strace" "$@"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# layout N: verify's layout for N, as "W S K PORT"
layout() {
	json=$("$HEADROOM" verify --target "$1" --no-bare --format json)
	echo "$(echo "$json" | field clients) $(echo "$json" | field servers)" \
		"$(echo "$json" | field sources) $(echo "$json" | field listen_port)"
}

# stat NAME CMD...: perf stat of one run: "task_ms user_ms sys_ms ctxsw"
pstat() {
	name=$1
	shift
	perf stat -x, -e task-clock,context-switches -o "$tmp/$name.stat" -- "$@" >/dev/null 2>&1 ||
		{ echo "$name failed" >&2; exit 1; }
	task=$(grep task-clock "$tmp/$name.stat" | cut -d, -f1)
	ctx=$(grep context-switches "$tmp/$name.stat" | cut -d, -f1)
	echo "$task $ctx"
}

# syscalls NAME CMD...: strace -c -f; the table in $tmp/NAME.strace
syscalls() {
	name=$1
	shift
	strace -c -f -o "$tmp/$name.strace" -- "$@" >/dev/null 2>&1 || true
}

set -- $(layout "$N")
w=$1 s=$2 k=$3 port=$4
echo "target $N: $w client and $s server processes, $k source addresses (verify's layout, used by both)"
v=$(pstat verify "$HEADROOM" verify --target "$N" --no-bare -q)
r=$(pstat ref "$REF" "$N" "$w" "$s" "$k" "$port")
echo "$v $r" | awk -v n="$N" '{
	printf "%-34s %12s %12s %8s\n", "per connection", "verify", "reference", "ratio"
	printf "%-34s %12.2f %12.2f %8.2f\n", "CPU (task-clock), us", $1 * 1000 / n, $3 * 1000 / n, $1 / $3
	printf "%-34s %12.3f %12.3f %8.2f\n", "context switches", $2 / n, $4 / n, $2 / $4 }'

set -- $(layout "$NSTRACE")
syscalls verify "$HEADROOM" verify --target "$NSTRACE" --no-bare --timeout 300 -q
syscalls ref "$REF" "$NSTRACE" "$1" "$2" "$3" "$4"
echo "syscalls per connection (strace -c -f, target $NSTRACE):"
printf "%-34s %12s %12s\n" "syscall" "verify" "reference"
for sc in socket setsockopt bind connect epoll_ctl epoll_wait poll nanosleep accept4 close wait4 read write; do
	a=$(awk -v s="$sc" '$NF == s { print ($4 ~ /^[0-9]+$/) ? $4 : 0 }' "$tmp/verify.strace" | head -1)
	b=$(awk -v s="$sc" '$NF == s { print ($4 ~ /^[0-9]+$/) ? $4 : 0 }' "$tmp/ref.strace" | head -1)
	printf "%-34s %12.3f %12.3f\n" "$sc" "$(awk "BEGIN { print ${a:-0} / $NSTRACE }")" \
		"$(awk "BEGIN { print ${b:-0} / $NSTRACE }")"
done
ta=$(awk '$NF == "total" { print $4 }' "$tmp/verify.strace")
tb=$(awk '$NF == "total" { print $4 }' "$tmp/ref.strace")
printf "%-34s %12.3f %12.3f %8.2f\n" "all syscalls" "$(awk "BEGIN { print $ta / $NSTRACE }")" \
	"$(awk "BEGIN { print $tb / $NSTRACE }")" "$(awk "BEGIN { print $ta / $tb }")"
