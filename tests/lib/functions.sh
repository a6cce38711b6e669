# tests/lib/functions.sh: the one library of the shell tests, sourced
# first by every test (directly or through its area's lib.sh). How to
# write a test with it: tests/README.
#
# It checks the environment make check gives ($HEADROOM, $top_srcdir,
# $top_builddir), sets -u (-e is the test's choice) and provides:
#   $TEST_TMP    a private directory, removed at exit
#   $TEST_DIR    the test's directory in the source tree
#   results      fail, skip, pass, ok; keep_going
#   needs        need_root, need_cmd, need_tmux, need_nobody, can_drop_root,
#                need_netns (re-runs the test in a namespace of its own)
#   processes    started, stop, gone, wait_until, wait_comm, hold_start,
#                hold_stop, at_exit
#   checks       run_cmd, show_run, expect_rc, expect_eq, expect_grep,
#                expect_error, expect_golden
#
# Exit status, as automake reads it: 0 pass, 77 skip, anything else fail.
# A test that recorded a failure never exits 0 or 77, whatever it calls.

set -u
: "${HEADROOM:?HEADROOM is not set (run the test through make check)}"
: "${top_srcdir:?top_srcdir is not set (run the test through make check)}"
top_builddir=${top_builddir:-$top_srcdir}

TEST_SCRIPT=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
TEST_DIR=${TEST_SCRIPT%/*}
TEST_NAME=${TEST_DIR##*/}/$(basename "$0" .sh)
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/headroom-${TEST_NAME%/*}-${TEST_NAME#*/}.XXXXXX") ||
	exit 99
TEST_FAILURES=0
TEST_KEEP_GOING=0
TEST_PIDS=""    # PID:START_TIME of every process started, ended at exit
TEST_AT_EXIT="" # commands run at exit, before the processes are ended
OUT=$TEST_TMP/stdout # run_cmd: the last command's output and status
ERR=$TEST_TMP/stderr
RC=0
TEST_LAST_CMD=""
TEST_SHOWN=0

# ---- results ---------------------------------------------------------

# keep_going: from now on a failed check is counted and the test goes on,
# so one run reports every failure; it still fails at the end. (The
# default is to stop at the first failure.) A failed check returns 1.
keep_going() {
	TEST_KEEP_GOING=1
}

# fail MESSAGE: a check failed.
fail() {
	echo "FAIL: $*" >&2
	TEST_FAILURES=$((TEST_FAILURES + 1))
	if [ "$TEST_KEEP_GOING" = 1 ]; then
		return 0
	fi
	if [ "$TEST_SHOWN" = 0 ] && [ -s "$ERR" ]; then
		echo "--- stderr of the last command run ($TEST_LAST_CMD):" >&2
		head -c 4000 "$ERR" >&2
	fi
	exit 1
}

# skip REASON: what the test needs is not here: exit 77, never a pass.
skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# ok MESSAGE: a step passed (a line in the log).
ok() {
	echo "ok: $*"
}

# pass [MESSAGE]: the end of the test: exit 0, or 1 if a check failed.
pass() {
	if [ $# -gt 0 ] && [ "$TEST_FAILURES" = 0 ]; then
		echo "PASS: $*"
	fi
	exit 0
}

# ---- needs: each skips when it is not met ----------------------------

need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root${1:+ ($*)}"
}

# need_cmd COMMAND...
need_cmd() {
	for _t_cmd in "$@"; do
		command -v "$_t_cmd" >/dev/null 2>&1 || skip "$_t_cmd is not installed"
	done
}

# need_tmux: $TMUX_BIN (found by configure, else on $PATH) runs.
need_tmux() {
	TMUX_BIN=${TMUX_BIN:-$(command -v tmux || true)}
	if [ -z "$TMUX_BIN" ] || [ ! -x "$TMUX_BIN" ]; then
		skip "tmux not found"
	fi
}

# can_drop_root: as root, set $AS_NOBODY to a command prefix that runs
# what follows as the unprivileged user nobody (uid 65534) for real:
# setpriv, else runuser. Returns 1 when that is not possible.
# need_nobody: the same, or skip.
can_drop_root() {
	[ "$(id -u)" = 0 ] || return 1
	if command -v setpriv >/dev/null 2>&1; then
		AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	elif command -v runuser >/dev/null 2>&1; then
		AS_NOBODY="runuser -u nobody --"
	else
		return 1
	fi
}

need_nobody() {
	need_root "to drop to nobody"
	can_drop_root || skip "neither setpriv nor runuser to drop root"
}

# need_netns [--pid] [--userns]: re-run this test from the start in a
# network namespace of its own with lo up, so its sockets are the only
# ones counted and net.* sysctls can be changed without touching the
# machine's. --pid: a pid namespace and /proc of its own too, so what the
# test leaves behind can be counted. --userns: if that fails, a user
# namespace (unshare -r) may stand in. Skips when none can be made.
need_netns() {
	_t_flags="-n"
	_t_userns=0
	for _t_a in "$@"; do
		case $_t_a in
		--pid) _t_flags="-n -p -f --mount-proc" ;;
		--userns) _t_userns=1 ;;
		*) fail "need_netns: unknown option $_t_a" ;;
		esac
	done
	if [ "${HEADROOM_TEST_NETNS:-}" = 1 ]; then
		ip link set lo up || fail "cannot bring lo up in the test's namespace"
		return 0
	fi
	need_cmd unshare ip
	# shellcheck disable=SC2086 # the flags are split on purpose
	if unshare $_t_flags true 2>/dev/null; then
		:
	elif [ "$_t_userns" = 1 ] && unshare -r $_t_flags true 2>/dev/null; then
		_t_flags="-r $_t_flags"
	else
		skip "cannot create a namespace (unshare $_t_flags)"
	fi
	# The run in the namespace makes its own directory and processes.
	_t_cleanup
	trap - EXIT HUP INT TERM
	# shellcheck disable=SC2086
	HEADROOM_TEST_NETNS=1 exec unshare $_t_flags sh "$TEST_SCRIPT"
}

# ---- processes -------------------------------------------------------

# wait_until SECONDS COMMAND...: run COMMAND every 0.1 s until it
# succeeds (0) or SECONDS (a whole number) have passed (1).
wait_until() {
	_t_tries=$(($1 * 10))
	shift
	until "$@"; do
		_t_tries=$((_t_tries - 1))
		[ "$_t_tries" -gt 0 ] || return 1
		sleep 0.1
	done
}

# The start time of a process (field 22 of /proc/PID/stat), or nothing:
# with the pid it names one process, even if the pid is reused later.
_t_start_time() {
	{ sed 's/^.*) //' "/proc/$1/stat" | cut -d' ' -f20; } 2>/dev/null || true
}

# started PID...: the test started these processes; each is ended at exit
# (if it is still the same process).
started() {
	for _t_pid in "$@"; do
		TEST_PIDS="$TEST_PIDS $_t_pid:$(_t_start_time "$_t_pid")"
	done
}

# gone PID: the process has ended (it may be a zombie not yet reaped).
gone() {
	case $(sed -n 's/^.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null) in
	'' | Z | X) return 0 ;;
	esac
	return 1
}

# stop PID...: SIGTERM, 5 s to end, then SIGKILL; reaped if a child.
stop() {
	for _t_pid in "$@"; do
		kill "$_t_pid" 2>/dev/null || true
		wait_until 5 gone "$_t_pid" || kill -KILL "$_t_pid" 2>/dev/null || true
		wait "$_t_pid" 2>/dev/null || true
	done
}

# wait_comm PID NAME: wait (5 s at most) until the process runs NAME, e.g.
# once prlimit has set the limits and exec'd its command.
wait_comm() {
	wait_until 5 _t_is_comm "$1" "$2" || fail "pid $1 never became $2"
}

_t_is_comm() {
	[ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]
}

# hold_start N [ARG]...: bench/census-hold (built with the tool) holds N
# loopback connections (2N established sockets, both ends here) until
# stopped; ARGs go to it. Returns once they are all up; $HOLD_PID.
hold_start() {
	_t_holder=$top_builddir/bench/census-hold
	[ -x "$_t_holder" ] || fail "$_t_holder is not built (run make)"
	_t_hold_n=$1
	shift
	"$_t_holder" -n "$_t_hold_n" -t 120 "$@" >"$TEST_TMP/hold.out" 2>"$TEST_TMP/hold.err" &
	HOLD_PID=$!
	started "$HOLD_PID"
	wait_until 20 _t_hold_ready || fail "census-hold not ready after 20 s"
}

_t_hold_ready() {
	grep -q '^ready' "$TEST_TMP/hold.out" && return 0
	kill -0 "$HOLD_PID" 2>/dev/null || fail "census-hold failed: $(cat "$TEST_TMP/hold.err")"
	return 1
}

hold_stop() {
	stop "$HOLD_PID"
}

# at_exit COMMAND: run COMMAND (a shell command line) when the test ends.
at_exit() {
	TEST_AT_EXIT="$TEST_AT_EXIT
$*"
}

_t_cleanup() {
	eval "$TEST_AT_EXIT"
	for _t_entry in $TEST_PIDS; do
		_t_pid=${_t_entry%%:*}
		_t_start=${_t_entry#*:}
		if [ -n "$_t_start" ] && [ "$(_t_start_time "$_t_pid")" = "$_t_start" ]; then
			stop "$_t_pid"
		fi
	done
	rm -rf "$TEST_TMP"
}

_t_exit() {
	_t_rc=$?
	set +e
	_t_cleanup
	if [ "$TEST_FAILURES" -gt 0 ] && { [ "$_t_rc" = 0 ] || [ "$_t_rc" = 77 ]; }; then
		echo "FAIL: $TEST_NAME: $TEST_FAILURES check(s) failed" >&2
		_t_rc=1
	fi
	exit "$_t_rc"
}
trap _t_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- checks ----------------------------------------------------------

# run_cmd COMMAND [ARG]...: run it (NO_COLOR set), its stdout in $OUT, its
# stderr in $ERR and its exit status in $RC.
run_cmd() {
	TEST_LAST_CMD="$*"
	TEST_SHOWN=0
	RC=0
	NO_COLOR=1 "$@" >"$OUT" 2>"$ERR" || RC=$?
	expect_schema_if_json "$OUT"
}

# The Python with jsonschema (Debian's python3-jsonschema) that validates
# the JSON documents, or "" when there is none (tests/cli/schema.sh skips).
json_validator() {
	if [ -z "${_t_validator+set}" ]; then
		_t_validator=""
		for _t_py in /usr/bin/python3 python3; do
			if "$_t_py" -c 'import jsonschema' >/dev/null 2>&1; then
				_t_validator=$_t_py
				break
			fi
		done
	fi
	[ -n "$_t_validator" ]
}

# expect_schema FILE...: each file is a JSON document of headroom's that
# its schema (schema/KIND.schema.json, KIND its "kind") accepts.
expect_schema() {
	json_validator || return 0
	"$_t_validator" "$top_srcdir/tests/lib/validate-json.py" "$top_srcdir/schema" "$@" \
		>"$TEST_TMP/schema.out" 2>&1 && return 0
	fail "not valid against its schema: $(head -c 2000 "$TEST_TMP/schema.out")"
	return 1
}

# expect_schema_if_json FILE: a file that is a JSON document of headroom's
# (it starts {"schema":) is validated; anything else is left alone. run_cmd
# and expect_golden call it, so every JSON output of the tests is checked.
expect_schema_if_json() {
	[ -s "$1" ] && [ "$(head -c 10 "$1")" = '{"schema":' ] || return 0
	expect_schema "$1"
}

# show_run: the last command's output, for the log of a failed check.
show_run() {
	echo "--- the last command run: $TEST_LAST_CMD (exit $RC)" >&2
	echo "--- stdout:" >&2
	head -c 4000 "$OUT" >&2
	echo "--- stderr:" >&2
	head -c 4000 "$ERR" >&2
	TEST_SHOWN=1
}

# expect_rc STATUS... [WHAT]: the last run ended with one of these statuses.
expect_rc() {
	_t_want=""
	_t_what=""
	for _t_a in "$@"; do
		case $_t_a in
		'' | *[!0-9]*) _t_what="$_t_a: " ;;
		*) _t_want="$_t_want $_t_a" ;;
		esac
	done
	for _t_a in $_t_want; do
		[ "$RC" = "$_t_a" ] && return 0
	done
	show_run
	fail "${_t_what}exit status $RC, want$_t_want"
	return 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] && return 0
	fail "$1 is '$2', want '$3'"
	return 1
}

# expect_grep REGEX FILE: an extended regular expression matches a line.
expect_grep() {
	grep -Eq -e "$1" "$2" && return 0
	fail "no line matches /$1/ in $(basename "$2"): $(head -c 2000 "$2")"
	return 1
}

# expect_error [-G] STATUS REGEX COMMAND...: bad input is refused: COMMAND
# (stdin /dev/null) exits STATUS, prints nothing on stdout and says on
# stderr what matches REGEX, an extended regular expression, or with -G a
# basic one (where "(1..9)" is literal). Output in $OUT and $ERR.
expect_error() {
	_t_flavour=-E
	if [ "$1" = -G ]; then
		_t_flavour=-G
		shift
	fi
	_t_status=$1
	_t_re=$2
	shift 2
	run_cmd "$@" </dev/null
	_t_bad=$TEST_FAILURES
	[ "$RC" = "$_t_status" ] || fail "$*: exit $RC, want $_t_status"
	[ ! -s "$OUT" ] || fail "$*: wrote to stdout: $(head -c 2000 "$OUT")"
	grep "$_t_flavour" -q -e "$_t_re" "$ERR" ||
		fail "$*: stderr '$(head -c 2000 "$ERR")' does not match '$_t_re'"
	[ "$TEST_FAILURES" = "$_t_bad" ]
}

# golden_normalise FILE: what differs from run to run and host to host in
# a machine document (every JSON document's host, version and generated_at;
# the textfile's build_info version) becomes @HOST, @VERSION and @TIME, in
# place. expect_golden does it to GOT before comparing.
golden_normalise() {
	sed -i -e 's/"host":"[^"]*"/"host":"@HOST"/g' \
		-e 's/"generated_at":"[^"]*"/"generated_at":"@TIME"/g' \
		-e 's/"version":"[^"]*"/"version":"@VERSION"/g' \
		-e 's/^headroom_build_info{version="[^"]*"}/headroom_build_info{version="@VERSION"}/' "$1"
}

# expect_golden EXPECTED GOT [WHAT]: the file GOT is byte for byte the
# golden file EXPECTED; if not, the difference is shown as a unified diff
# (- expected, + got). UPDATE=1 rewrites EXPECTED from GOT instead:
# review the result with git diff.
expect_golden() {
	expect_schema_if_json "$2"
	golden_normalise "$2"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$2" "$1"
		echo "updated ${1#"$top_srcdir"/}"
		return 0
	fi
	diff -u "$1" "$2" >"$TEST_TMP/golden.diff" 2>&1 && return 0
	cat "$TEST_TMP/golden.diff" >&2
	fail "${3:-$(basename "$2")} differs from ${1#"$top_srcdir"/} (- expected, + got; UPDATE=1 rewrites it)"
	return 1
}
