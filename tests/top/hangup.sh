#!/bin/sh
# When its terminal goes away (the tmux or ssh session ends), top must exit
# rather than spin on a descriptor that is always readable.
. "$top_srcdir/tests/top/lib.sh"
[ -n "${TMUX_BIN:-}" ] && [ -x "$TMUX_BIN" ] || skip "tmux not found"

sock="$T/hangup.sock"
"$TMUX_BIN" -S "$sock" -f /dev/null new-session -d -s t -x 100 -y 30 \
	"echo \$\$ >'$T/pid'; exec '$HEADROOM' top --interval 0.2"
i=0
while [ ! -s "$T/pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
pid=$(cat "$T/pid") || fail "top did not start"
TOP_PIDS="$TOP_PIDS $pid"
sleep 1
kill -0 "$pid" 2>/dev/null || fail "top exited before the terminal went away"
"$TMUX_BIN" -S "$sock" kill-server
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	ps -o pid,stat,pcpu,args -p "$pid" >&2
	fail "top still runs 5 s after its terminal went away"
fi
echo "ok: top exited when its terminal went away"
