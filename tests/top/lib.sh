# tests/top/lib.sh: the screen of `headroom top` driven in tmux (sourced;
# it loads tests/lib/functions.sh).
#
# Each test gets a private tmux server on a socket in its own directory
# ($T), so tests run in parallel and leave nothing behind. tm_start runs
# top in a detached pane of a fixed size through a wrapper that records
# the exit status and the terminal modes before and after, so a test can
# prove the terminal came back.

set -e
. "$top_srcdir/tests/lib/functions.sh"

T=$TEST_TMP
TM_N=0 # each tm_start gets a server of its own: tmux.$TM_N.sock

tm_kill_servers() {
	for sock in "$T"/*.sock; do
		[ -S "$sock" ] && "${TMUX_BIN:-tmux}" -S "$sock" kill-server 2>/dev/null || true
	done
}
at_exit tm_kill_servers

tm() {
	"$TMUX_BIN" -S "$T/tmux.$TM_N.sock" -f "$T/tmux.conf" "$@"
}

# tm_start W H COMMAND...: run COMMAND (a shell command line) in a WxH pane.
# The wrapper records $T/pid (top's pid: exec keeps it), $T/rc and the tty
# modes; the pane stays open afterwards so the restored screen can be read.
tm_start() {
	w=$1
	h=$2
	shift 2
	rm -f "$T/rc" "$T/pid"
	# The wrapper catches (not ignores) INT, so Ctrl-C ends top alone.
	cat >"$T/pane.sh" <<EOF
trap : INT QUIT
stty -g >"$T/stty.before"
sh -c 'echo \$\$ >"$T/pid"; exec $*'
echo \$? >"$T/rc"
stty -g >"$T/stty.after"
echo "pane: top exited"
exec sleep 300
EOF
	if [ "$TM_N" -gt 0 ]; then
		tm kill-server 2>/dev/null || true
	fi
	TM_N=$((TM_N + 1))
	need_tmux
	printf 'set -g status off\nset -g default-terminal screen\n' >"$T/tmux.conf"
	tm new-session -d -s t -x "$w" -y "$h" "sh $T/pane.sh"
	wait_until 5 test -s "$T/pid" || fail "top did not start in tmux"
	TOP_PID=$(cat "$T/pid")
}

tm_capture() {
	tm capture-pane -p -t t "$@"
}

# tm_wait REGEX [SECONDS]: until the screen shows a line matching REGEX.
tm_wait() {
	wait_until "${2:-10}" tm_shows "$1" && return 0
	echo "--- screen:" >&2
	cat "$T/screen" >&2
	fail "timed out waiting for /$1/"
}

# tm_wait_not REGEX [SECONDS]: until no line of the screen matches REGEX.
tm_wait_not() {
	wait_until "${2:-10}" tm_lacks "$1" && return 0
	echo "--- screen:" >&2
	cat "$T/screen" >&2
	fail "still showing /$1/"
}

# tm_shows REGEX, tm_lacks REGEX: the screen now, in $T/screen.
tm_shows() {
	tm_capture >"$T/screen"
	grep -Eq -- "$1" "$T/screen"
}

tm_lacks() {
	! tm_shows "$1"
}

tm_keys() {
	tm send-keys -t t "$@"
}

# tm_exited STATUS: top ended with STATUS and gave the terminal back: the
# tty modes are those it started with, the alternate screen is off, the
# cursor is visible and the shell's line after it is on the screen.
tm_exited() {
	wait_until 5 tm_pane_done || true
	if [ ! -s "$T/rc" ]; then
		tm_capture >&2
		fail "top did not exit"
	fi
	[ "$(cat "$T/rc")" = "$1" ] || fail "top exited with $(cat "$T/rc"), expected $1"
	cmp -s "$T/stty.before" "$T/stty.after" ||
		fail "tty modes not restored: $(cat "$T/stty.before") -> $(cat "$T/stty.after")"
	tm_wait '^pane: top exited'
	[ "$(tm display -p -t t '#{alternate_on}')" = 0 ] || fail "alternate screen left on"
	[ "$(tm display -p -t t '#{cursor_flag}')" = 1 ] || fail "cursor left hidden"
}

tm_pane_done() {
	[ -s "$T/rc" ] && [ -s "$T/stty.after" ]
}
