# tests/verify/lib.sh: what the verify tests share beyond
# tests/lib/functions.sh (sourced). Live tests re-run themselves inside a
# fresh network and pid namespace (need_netns --pid), so their sockets are
# theirs alone, net.* sysctls can be narrowed safely, and what is left
# behind (a process, a socket, a TIME_WAIT) can be counted exactly.
. "$top_srcdir/tests/lib/functions.sh"

# verify ARGS...: run headroom verify: status in $RC, output in $OUT/$ERR.
verify() {
	run_cmd "$HEADROOM" verify "$@"
}

# expect_out PATTERN WHAT: a basic regular expression matches stdout.
expect_out() {
	grep -q -e "$1" "$OUT" || {
		show_run
		fail "$2: output lacks '$1'"
	}
}

# json_field NAME: the first number after "NAME": in the output
json_field() {
	grep -o "\"$1\": [0-9.-]*" "$OUT" | head -1 | sed 's/.*: //'
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
