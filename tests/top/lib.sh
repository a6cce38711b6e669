# tests/top/lib.sh: helpers for the `headroom top` tests (sourced).
#
# Each test gets a private temporary directory ($T) and, for the screen
# tests, a private tmux server on a socket in it, so tests run in parallel
# and leave nothing behind. tm_start runs top in a detached pane of a fixed
# size through a wrapper that records the exit status and the terminal
# modes before and after, so a test can prove the terminal came back.

set -eu
: "${HEADROOM:?}" "${top_srcdir:?}"

T=$(mktemp -d "${TMPDIR:-/tmp}/headroom-top.XXXXXX")
TOP_PIDS="" # processes a test started, ended by pid at exit
TM_N=0      # each tm_start gets a server of its own: tmux.$TM_N.sock

cleanup() {
	for pid in $TOP_PIDS; do
		kill "$pid" 2>/dev/null || true
	done
	for sock in "$T"/tmux.*.sock; do
		[ -S "$sock" ] && "${TMUX_BIN:-tmux}" -S "$sock" kill-server 2>/dev/null || true
	done
	rm -rf "$T"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# Re-run the calling test inside a network namespace of its own, so the
# kernel's TCP counters move only with this test's sockets.
in_netns() {
	if [ "${TOP_TEST_NETNS:-}" != 1 ]; then
		unshare -n true 2>/dev/null || skip "cannot create a network namespace (unshare -n)"
		TOP_TEST_NETNS=1 exec unshare -n sh "$0" "$@"
	fi
	ip link set lo up
}

# bench/census-hold (built with the tool) holds loopback connections.
holder_path() {
	HOLDER="$top_builddir/bench/census-hold"
	[ -x "$HOLDER" ] || fail "$HOLDER is not built (run make)"
}

# Hold N connections (2N established sockets) until killed; extra
# arguments go to census-hold. Sets HOLD_PID once they are all ready.
hold_start() {
	n=$1
	shift
	"$HOLDER" -n "$n" -t 120 "$@" >"$T/hold.out" 2>"$T/hold.err" &
	HOLD_PID=$!
	TOP_PIDS="$TOP_PIDS $HOLD_PID"
	for _ in $(seq 1 100); do
		grep -q '^ready' "$T/hold.out" && return 0
		kill -0 "$HOLD_PID" 2>/dev/null || fail "holder failed: $(cat "$T/hold.err")"
		sleep 0.1
	done
	fail "holder not ready after 10 s"
}

hold_stop() {
	kill "$HOLD_PID"
	wait "$HOLD_PID" 2>/dev/null || true
}

need_tmux() {
	TMUX_BIN=${TMUX_BIN:-$(command -v tmux || true)}
	[ -n "$TMUX_BIN" ] && [ -x "$TMUX_BIN" ] || skip "tmux not found"
	printf 'set -g status off\nset -g default-terminal screen\n' >"$T/tmux.conf"
}

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
	tm new-session -d -s t -x "$w" -y "$h" "sh $T/pane.sh"
	for _ in $(seq 1 50); do
		[ -s "$T/pid" ] && break
		sleep 0.1
	done
	[ -s "$T/pid" ] || fail "top did not start in tmux"
	TOP_PID=$(cat "$T/pid")
}

tm_capture() {
	tm capture-pane -p -t t "$@"
}

# tm_wait REGEX [SECONDS]: until the screen shows a line matching REGEX.
tm_wait() {
	for _ in $(seq 1 $((${2:-10} * 10))); do
		tm_capture >"$T/screen"
		grep -Eq -- "$1" "$T/screen" && return 0
		sleep 0.1
	done
	echo "--- screen:" >&2
	cat "$T/screen" >&2
	fail "timed out waiting for /$1/"
}

# tm_wait_not REGEX [SECONDS]: until no line of the screen matches REGEX.
tm_wait_not() {
	for _ in $(seq 1 $((${2:-10} * 10))); do
		tm_capture >"$T/screen"
		grep -Eq -- "$1" "$T/screen" || return 0
		sleep 0.1
	done
	echo "--- screen:" >&2
	cat "$T/screen" >&2
	fail "still showing /$1/"
}

tm_keys() {
	tm send-keys -t t "$@"
}

# tm_exited STATUS: top ended with STATUS and gave the terminal back: the
# tty modes are those it started with, the alternate screen is off, the
# cursor is visible and the shell's line after it is on the screen.
tm_exited() {
	for _ in $(seq 1 50); do
		[ -s "$T/rc" ] && [ -s "$T/stty.after" ] && break
		sleep 0.1
	done
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
