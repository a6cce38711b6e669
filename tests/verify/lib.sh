# lib.sh: sourced by the verify tests. Live tests re-run themselves inside
# a fresh network and pid namespace (loopback up), so their sockets are
# theirs alone, net.* sysctls can be narrowed safely, and what is left
# behind (a process, a socket, a TIME_WAIT) can be counted exactly.

skip() {
	echo "SKIP: $*"
	exit 77
}

fail() {
	echo "FAIL: $*"
	exit 1
}

: "${HEADROOM:?HEADROOM is not set (run through make check)}"
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# in_namespace: re-exec this test inside a new net+pid namespace.
in_namespace() {
	if [ -n "${VERIFY_TEST_NS:-}" ]; then
		ip link set lo up || fail "cannot bring lo up"
		return
	fi
	[ "$(id -u)" -eq 0 ] || skip "needs root for unshare -n"
	unshare -n -p -f --mount-proc true 2>/dev/null || skip "unshare -n -p -f not available"
	VERIFY_TEST_NS=1 exec unshare -n -p -f --mount-proc sh "$0" "$@"
}

# verify ARGS...: run headroom verify; status in $rc, output in $out/$err.
verify() {
	rc=0
	"$HEADROOM" verify "$@" >"$out" 2>"$err" || rc=$?
}

expect_rc() {
	[ "$rc" -eq "$1" ] || {
		cat "$out" "$err"
		fail "$2: exit $rc, expected $1"
	}
}

expect_out() {
	grep -q -e "$1" "$out" || {
		cat "$out" "$err"
		fail "$2: output lacks '$1'"
	}
}

# json_field NAME: the first number after "NAME": in the output
json_field() {
	grep -o "\"$1\": [0-9.-]*" "$out" | head -1 | sed 's/.*: //'
}

# Nothing of verify's may outlive it: no process, no socket, no TIME_WAIT.
expect_clean() {
	left=$(ps -e -o comm= | grep -v -x -e sh -e ps -e grep -e wc | wc -l)
	[ "$left" -eq 0 ] || {
		ps -ef
		fail "$1: $left processes left behind"
	}
	socks=$(ss -tanH | wc -l)
	[ "$socks" -eq 0 ] || {
		ss -tan | head
		fail "$1: $socks TCP sockets left behind (TIME_WAIT included)"
	}
}

# in_range VALUE LO HI
in_range() {
	[ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}
