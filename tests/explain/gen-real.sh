#!/bin/bash
# tests/explain/gen-real.sh: push the Debian-packaged servers and load tools
# of this machine past their limits and collect the error lines they really
# print, as tests/explain/real-lines.txt (the corpus format: CAUSE<TAB>LINE,
# a comment naming program, version and scenario above each group). The
# cause of each line is the limit this script hit on purpose.
#
#   bash tests/explain/gen-real.sh [OUTFILE] [SECTION]...
#
# Run by hand (not by make check). Everything happens inside a private
# network namespace (unshare -n, loopback only): the sysctls it sets
# (somaxconn, ip_local_port_range, tcp_tw_reuse) are the namespace's own.
# Every process is started here, kept in PIDS and stopped by pid; every
# client run is bounded by `timeout` and by a small count. Limits are made
# small with prlimit (lowering needs no privilege). Needs root (unshare -n)
# and the packages of bootstrap.sh (nginx-light, redis-server, haproxy,
# memcached, postgresql, wrk, apache2-utils, nghttp2-client, curl).
# Sections: nginx redis haproxy memcached postgresql bind clients ports
# timeouts runtimes kernel (default: all). The runtime lines need python3,
# node and java (17 or later: it runs a .java file); the kernel's need nft.
set -u

if [ "${GEN_REAL_NETNS:-}" != 1 ]; then
	out=${1:-$(cd "$(dirname "$0")" && pwd)/real-lines.txt}
	[ $# -gt 0 ] && shift
	exec env GEN_REAL_NETNS=1 unshare -n -- bash "$0" "$out" "$@"
fi
OUT=$1
shift
SECTIONS=${*:-nginx redis haproxy memcached postgresql bind clients ports timeouts runtimes kernel}
ip link set lo up || exit 1

W=$(mktemp -d /tmp/gen-real.XXXXXX) || exit 1
chmod 755 "$W"
PIDS=()
LINES="$W/lines.txt"
: >"$LINES"

# Start a process in the background and remember its pid.
bg() {
	"$@" &
	PIDS+=($!)
	LASTPID=$!
}

# Stop one process we started: TERM, then KILL after 3 s.
stop() {
	local p=$1 i
	kill -TERM "$p" 2>/dev/null || return 0
	for i in $(seq 30); do
		kill -0 "$p" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$p" 2>/dev/null
	wait "$p" 2>/dev/null
}

cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		stop "$p"
	done
	[ -n "${GEN_REAL_KEEP:-}" ] && echo "gen-real: kept $W" >&2 && return
	rm -rf "$W"
}
trap cleanup EXIT

# Wait until something listens on 127.0.0.1:PORT (at most 20 s: a loaded
# machine starts Python slowly).
wait_port() {
	local i
	for i in $(seq 200); do
		ss -Htln "sport = :$1" | grep -q . && return 0
		sleep 0.1
	done
	echo "gen-real: nothing listens on port $1" >&2
	return 1
}

# Wait until N connections to 127.0.0.1:PORT are established (20 s).
wait_conns() {
	local i
	for i in $(seq 200); do
		[ "$(ss -Htn state established "dport = :$1" | wc -l)" -ge "$2" ] && return 0
		sleep 0.1
	done
	echo "gen-real: fewer than $2 connections to port $1" >&2
	return 1
}

# record CAUSE PROGRAM SCENARIO FILE ERE [MAX]: the lines of FILE that
# match ERE, without duplicates (counting lines equal but for digits as
# duplicates), at most MAX (3), under a comment naming where they come from.
record() {
	local cause=$1 prog=$2 scen=$3 file=$4 ere=$5 max=${6:-3} got
	got=$(tr '\r' '\n' <"$file" | grep -E -- "$ere" |
		awk -v max="$max" '{ k = $0; gsub(/[0-9]+/, "N", k) }
			!seen[k]++ && n < max { print; n++ }')
	if [ -z "$got" ]; then
		echo "gen-real: $prog: $scen: no line matched /$ere/ in $(basename "$file")" >&2
		return 1
	fi
	{
		echo "# $prog: $scen"
		printf '%s\n' "$got" | sed "s/^/$cause\t/"
	} >>"$LINES"
}

GEN_REAL_PY=$(cd "$(dirname "$0")" && pwd)/gen-real.py

ver_nginx() { nginx -v 2>&1 | sed 's/^nginx version: //'; }
ver_redis() { redis-server --version | awk '{sub(/^v=/, "", $3); print "redis-server " $3}'; }
ver_haproxy() { haproxy -v | head -1 | awk '{print "haproxy " $3}'; }
ver_memcached() { memcached -V; }
ver_pg() { postgres --version 2>/dev/null || /usr/lib/postgresql/*/bin/postgres --version; }

. "$(dirname "$0")/gen-real-servers.sh"
. "$(dirname "$0")/gen-real-clients.sh"

for s in $SECTIONS; do
	echo "gen-real: $s" >&2
	"sec_$s"
done

{
	echo "# tests/explain/real-lines.txt: error lines really printed on this machine"
	echo "# by tests/explain/gen-real.sh ($(date -u +%Y-%m-%d), $(uname -sr)), each"
	echo "# with the limit the script hit on purpose. CAUSE<TAB>LINE as corpus.txt."
	echo "# A cause written ~CAUSE marks a line the program prints alike whatever"
	echo "# the limit (a load tool's summary, a reset): CAUSE must be among its"
	echo "# candidates, not necessarily first."
	cat "$LINES"
} >"$OUT"
echo "gen-real: $(grep -c $'\t' "$OUT") lines in $OUT" >&2
