# tests/live/lib.sh: helpers for the live tests of `headroom check`
# (sourced). Each test gets a private temporary directory; every process a
# test starts is recorded and ended by its pid when the test exits.
#
# JSON is read with sed: check --format json prints the top-level fields on
# the first line and one layer object per line after it, so a layer is one
# grep and a field one sed, with no JSON tool to install.

set -eu
: "${HEADROOM:?}" "${top_srcdir:?}"

LIVE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/headroom-live.XXXXXX")
LIVE_PIDS=""
OUT=$LIVE_TMP/stdout
ERR=$LIVE_TMP/stderr
RC=0

live_cleanup() {
	for pid in $LIVE_PIDS; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$LIVE_TMP"
}
trap live_cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	if [ -s "$ERR" ]; then
		echo "--- stderr of the last run:" >&2
		cat "$ERR" >&2
	fi
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

need_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"
}

# Record a pid the test started, so it is ended at exit.
started() {
	LIVE_PIDS="$LIVE_PIDS $1"
}

# run_cmd CMD [ARG]...: run a command with stdout in $OUT, stderr in $ERR
# and the exit status in $RC. run ARG...: the same for headroom.
run_cmd() {
	set +e
	NO_COLOR=1 "$@" >"$OUT" 2>"$ERR"
	RC=$?
	set -e
}

run() {
	run_cmd "$HEADROOM" "$@"
}

# expect_rc STATUS...: the last run ended with one of these statuses.
expect_rc() {
	for want in "$@"; do
		[ "$RC" = "$want" ] && return 0
	done
	fail "exit status $RC, want $*"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1 is '$2', want '$3'"
}

# expect_grep PATTERN FILE: an extended regular expression matches a line.
expect_grep() {
	grep -Eq -- "$1" "$2" || fail "no line matches /$1/ in $(basename "$2"): $(head -c 2000 "$2")"
}

# layer ID [PID]: the JSON line of a layer in $OUT; with PID, the layer of
# that watched process, without, the one of headroom itself.
layer() {
	if [ $# -gt 1 ]; then
		grep -F "{\"id\":\"$1\"," "$OUT" | grep -F "\"pid\":$2," || true
	else
		grep -F "{\"id\":\"$1\"," "$OUT" | grep -vF '"pid":' || true
	fi
}

# field NAME: a scalar field of the JSON object on stdin, quotes removed.
field() {
	sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" | tr -d '"'
}

# layer_field ID PID|- NAME
layer_field() {
	if [ "$2" = - ]; then
		layer "$1" | field "$3"
	else
		layer "$1" "$2" | field "$3"
	fi
}

# top_field NAME: a field of the report itself (the first line).
top_field() {
	head -n 1 "$OUT" | field "$1"
}

# wait_comm PID NAME: wait (5 s at most) until the process runs NAME, e.g.
# once prlimit has set the limits and exec'd its command.
wait_comm() {
	i=0
	while [ "$(cat "/proc/$1/comm" 2>/dev/null)" != "$2" ]; do
		i=$((i + 1))
		[ "$i" -le 50 ] || fail "pid $1 never became $2"
		sleep 0.1
	done
}

# in_netns ARG...: re-run the calling test in a network namespace of its
# own with lo up, so the sockets it counts are exactly its own.
in_netns() {
	if [ "${LIVE_IN_NETNS:-}" != 1 ]; then
		need_cmd unshare
		need_cmd ip
		unshare -n true 2>/dev/null || skip "cannot create a network namespace (unshare -n)"
		rm -rf "$LIVE_TMP"
		trap - EXIT
		LIVE_IN_NETNS=1 exec unshare -n sh "$0" "$@"
	fi
	ip link set lo up
}
