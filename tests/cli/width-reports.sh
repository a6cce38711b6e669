#!/bin/sh
# Text that fits, beyond check's table (tests/cli/width.sh): in 80 and 60
# columns every line of check's fixes and summary, explain's report (one
# message, a log with its cause table, the live check), verify's report,
# the profile list and every --help fits, and wrapping only moves blanks:
# the other characters are those of the unwrapped output, in order (no
# figure, word or path lost or cut apart). Lines of tab-separated fields
# (explain --list) stay whole for cut and awk, and a fix's command
# ("now:", "persist:") stays on one line to be copied (headroom(1)).
. "$top_srcdir/tests/lib/functions.sh"
keep_going
hosts="$top_srcdir/tests/fixtures/hosts"
census="$top_srcdir/tests/fixtures/census"
H=$HEADROOM

# fits NAME COLS FILE: no line of FILE is wider than COLS (tabs and
# commands left whole).
fits() {
	grep -v "$(printf '\t')" "$3" | grep -Ev '^ *(# +)?(now|persist)( \(root\))?:' |
		awk -v w="$2" 'length > w { print length ": " $0; bad = 1 } END { exit bad }' \
			>"$TEST_TMP/long" || fail "$1 at $2 columns: $(head -3 "$TEST_TMP/long")"
}
# same NAME WIDE NARROW: the same characters but blanks (check's table,
# laid out anew for the width, is width.sh's).
same() {
	sed '/^LAYER /,/^$/d' "$2" | tr -d ' \n' >"$TEST_TMP/s1"
	sed '/^LAYER /,/^$/d' "$3" | tr -d ' \n' >"$TEST_TMP/s2"
	cmp -s "$TEST_TMP/s1" "$TEST_TMP/s2" || fail "$1: wrapping changed more than blanks"
}
# case NAME ARGS...: the command unwrapped, in 80 and in 60 columns; its
# input is $IN (/dev/null unless set).
case_() {
	_n=$1
	shift
	COLUMNS= NO_COLOR=1 "$@" <"${IN:-/dev/null}" >"$TEST_TMP/wide" 2>&1
	for cols in 80 60; do
		COLUMNS=$cols NO_COLOR=1 "$@" <"${IN:-/dev/null}" >"$TEST_TMP/narrow" 2>&1
		fits "$_n" $cols "$TEST_TMP/narrow"
		same "$_n at $cols" "$TEST_TMP/wide" "$TEST_TMP/narrow"
	done
	ok "$_n: fits 80 and 60 columns"
}

case_ "check (container fixes)" "$H" --root "$hosts/container" check --target 100000
case_ "check (apps)" "$H" --root "$hosts/apps" check --target 5000 --role server \
	--pid 4300 --pid 4705 --user alice
case_ "check --verbose" "$H" --root "$hosts/debian12" check --census "$census/debian12.nl" \
	--target 10000 --user alice --verbose
case_ "explain a message" "$H" --root "$hosts/debian12" explain \
	'accept4: too many open files'
case_ "explain --no-live" "$H" explain --no-live 'socket: too many open files'
IN=$top_srcdir/tests/explain/small.log case_ "explain a log" "$H" --root "$hosts/debian12" \
	explain -
case_ "profiles" "$H" profiles

# A command is not wrapped: the whole command is on its line.
COLUMNS=60 "$H" --root "$hosts/apps" check --target 5000 --role server --pid 4705 \
	--user alice >"$TEST_TMP/c" 2>&1
expect_grep '^    persist: LimitNOFILE=7168 in /etc/systemd/system/postgresql@15-main\.service\.d/90-headroom\.conf, then systemctl daemon-reload && systemctl restart postgresql@15-main\.service$' "$TEST_TMP/c"

# Colour codes take no columns: with --color=always the summary still
# breaks under its value, in 80 visible columns.
esc=$(printf '\033')
COLUMNS=80 "$H" --root "$hosts/apps" check --target 5000 --role server --pid 4705 \
	--color=always >"$TEST_TMP/c" 2>&1
grep -q "$esc\[" "$TEST_TMP/c" || fail "--color=always: no colour"
sed "s/$esc\[[0-9;]*m//g" "$TEST_TMP/c" >"$TEST_TMP/c.plain"
fits "check --color=always" 80 "$TEST_TMP/c.plain"
expect_grep '^      bottleneck app\.postgresql\.max_connections of pid 4700 \(postgres\); first$' \
	"$TEST_TMP/c.plain"

# The cause table at 80 columns keeps its columns (narrowed, not wrapped).
COLUMNS=80 "$H" explain --no-live - <"$top_srcdir/tests/explain/small.log" >"$TEST_TMP/t" 2>&1
expect_grep '^COUNT FIRST  LAST  SIGNATURE +CAUSE$' "$TEST_TMP/t"
expect_grep '^    2    11    12  sys\.econnrefused +app\.server-died$' "$TEST_TMP/t"

# explain --list: headers fit, the tab-separated lines are whole.
COLUMNS=80 "$H" explain --list >"$TEST_TMP/list" 2>&1
fits "explain --list" 80 "$TEST_TMP/list"
COLUMNS= "$H" explain --list | grep "$(printf '\t')" >"$TEST_TMP/tabs1"
grep "$(printf '\t')" "$TEST_TMP/list" | cmp -s - "$TEST_TMP/tabs1" ||
	fail "explain --list: a tab-separated line changed"

# verify: its figures are measured, so only the width is compared.
for cols in 80 60; do
	COLUMNS=$cols "$H" verify --what fds --target 200 >"$TEST_TMP/v" 2>&1
	expect_rc 0 "verify --what fds at $cols columns"
	fits "verify" $cols "$TEST_TMP/v"
done
ok "verify: fits 80 and 60 columns"

for c in "" check verify apply revert history profiles exec raise explain top census; do
	# shellcheck disable=SC2086 # no command: the top help
	"$H" $c --help >"$TEST_TMP/h" 2>&1
	fits "headroom $c --help" 80 "$TEST_TMP/h"
done
ok "every --help fits 80 columns"
pass
