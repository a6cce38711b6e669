#!/bin/sh
# When its terminal goes away (the tmux or ssh session ends), top must exit
# rather than spin on a descriptor that is always readable.
. "$top_srcdir/tests/top/lib.sh"
need_tmux

sock="$T/hangup.sock"
"$TMUX_BIN" -S "$sock" -f /dev/null new-session -d -s t -x 100 -y 30 \
	"echo \$\$ >'$T/pid'; exec '$HEADROOM' top --interval 0.2"
wait_until 5 test -s "$T/pid" || fail "top did not start"
pid=$(cat "$T/pid")
started "$pid"
sleep 1
kill -0 "$pid" 2>/dev/null || fail "top exited before the terminal went away"
"$TMUX_BIN" -S "$sock" kill-server
if ! wait_until 5 gone "$pid"; then
	ps -o pid,stat,pcpu,args -p "$pid" >&2
	fail "top still runs 5 s after its terminal went away"
fi
pass "top exited when its terminal went away"
