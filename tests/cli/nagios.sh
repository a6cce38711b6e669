#!/bin/sh
# check --format nagios against the monitoring-plugins guidelines, on every
# fixture host and for real on this machine: one line, "HEADROOM STATE -
# text | perfdata", the state word matching the exit status (0-3), one
# perfdata per layer plus max_supported, each 'label'=value[UOM];warn;crit;
# min;max with plain numbers; errors of every kind exit 3 with a status
# line; a permission error (an unprivileged user and pid 1) too, for real.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
hosts="$top_srcdir/tests/fixtures/hosts"
census="$top_srcdir/tests/fixtures/census"

# check_line WHAT: $OUT is one plugin line whose word matches $RC.
check_line() {
	[ "$(wc -l <"$OUT")" = 1 ] || fail "$1: $(wc -l <"$OUT") lines, want 1"
	case $RC in
	0) word=OK ;; 1) word=WARNING ;; 2) word=CRITICAL ;; 3) word=UNKNOWN ;;
	*) fail "$1: exit $RC, not 0-3" ;;
	esac
	expect_grep "^HEADROOM $word - [^|]+( \| .*)?$" "$OUT" || return 1
	# perfdata: 'label'=value[UOM];[warn];[crit];[min];[max] with ranges
	# as the guidelines write them (N, N:, ~:N, @N:M).
	sed -n 's/^[^|]*| //p' "$OUT" | tr ' ' '\n' | sed '/^$/d' >"$TEST_TMP/perf"
	bad=$(grep -Ev "^'[^'=]+'=(U|-?[0-9]+(\.[0-9]+)?(B|s|%|c)?(;(@?~?-?[0-9]*:?-?[0-9]*)){0,2}(;-?[0-9]*){0,2})$" "$TEST_TMP/perf")
	[ -z "$bad" ] || fail "$1: perfdata not in the plugin grammar: $bad"
}

# The fixture hosts: one perfdata per layer of the JSON report, plus one.
for host in debian12 tuned100k container broken-limits; do
	args="--root $hosts/$host check --target 10000 --user alice"
	[ -f "$census/$host.nl" ] && args="$args --census $census/$host.nl"
	# shellcheck disable=SC2086 # split on purpose
	run_cmd "$HEADROOM" $args --format json
	layers=$(grep -c '^{"id":' "$OUT")
	json_rc=$RC
	# shellcheck disable=SC2086
	run_cmd "$HEADROOM" $args --format nagios
	check_line "$host"
	expect_eq "$host: exit status" "$RC" "$json_rc"
	expect_eq "$host: perfdata" "$(wc -l <"$TEST_TMP/perf")" "$((layers + 1))"
	ok "$host: $RC, $layers layers"
done

# The thresholds are the verdict's: a layer over crit failed, over warn warned.
run_cmd "$HEADROOM" --root "$hosts/debian12" check --census "$census/debian12.nl" \
	--target 10000 --user alice --format nagios
expect_grep "'nofile.soft'=10016;819;1024;0;1024( |$)" "$OUT"

# This machine, for real.
run_cmd "$HEADROOM" check --target 1000 --format nagios
check_line "this host"
ok "this host: exit $RC"

# Errors are UNKNOWN, with the reason on the status line and stderr.
for args in "--frobnicate" "--target" "--target 0" "--role peer" "extra" \
	"--root /nonexistent/headroom"; do
	# shellcheck disable=SC2086 # split on purpose
	run_cmd "$HEADROOM" check --format nagios $args
	expect_rc 3 "check --format nagios $args"
	check_line "$args"
	[ -s "$ERR" ] || fail "$args: nothing on stderr"
	ok "$args: $(cat "$OUT")"
done
run_cmd "$HEADROOM" check --target 0 -fnagios
expect_rc 3 "-fnagios"
run_cmd "$HEADROOM" check --target 0 --format=nagios
expect_rc 3 "--format=nagios"
# After --, nagios is not an option: the usual usage error.
run_cmd "$HEADROOM" check --target 0 -- --format nagios
expect_rc 65 "after --"

# A permission error, for real: nobody cannot read pid 1's descriptors.
if can_drop_root; then
	cp "$HEADROOM" "$TEST_TMP/headroom"
	chmod 755 "$TEST_TMP" "$TEST_TMP/headroom"
	# shellcheck disable=SC2086 # a command prefix
	run_cmd $AS_NOBODY "$TEST_TMP/headroom" check --pid 1 --format nagios
	if $AS_NOBODY ls /proc/1/fd >/dev/null 2>&1; then
		ok "nobody reads pid 1's fds here: no permission error to provoke"
	else
		expect_rc 3 "nobody, --pid 1"
		check_line "permission"
		expect_grep "permission" "$OUT"
		# without nagios it is 77, as headroom(1) says
		run_cmd $AS_NOBODY "$TEST_TMP/headroom" check --pid 1
		expect_rc 77 "nobody, --pid 1, text"
		ok "nobody, --pid 1: 3 with --format nagios, 77 without"
	fi
else
	ok "not root: the permission case is left out"
fi
pass
