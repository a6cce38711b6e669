#!/bin/sh
# Text that fits: check's table fits $COLUMNS (80, 100, 120) on every
# fixture host by wrapping what a layer limits, never a figure (the
# figures are those of the unwrapped table); a golden 80-column table;
# --color=auto|always|never and NO_COLOR; on a terminal (script(1)) the
# terminal's width is used and colour is on.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
hosts="$top_srcdir/tests/fixtures/hosts"
census="$top_srcdir/tests/fixtures/census"

# figures FILE: each row's layer, verdict and three figures, from the table.
figures() {
	sed -n '/^LAYER /,/^$/p' "$1" | grep -E '^[a-z]' | grep -v '^LAYER' |
		sed -E 's/^([^ ]+) +([A-Z]+) +(n\/a|unlimited|-|[0-9.,]+( [GM]iB)?) +(-|unlimited|[0-9.,]+( [GM]iB)?) +(-|unlimited|[0-9.,]+( [GM]iB)?).*/\1 \2 \3 \5 \7/'
}

for host in debian12 tuned100k container broken-limits apps; do
	args="--root $hosts/$host check --target 10000 --user alice --verbose"
	[ -f "$census/$host.nl" ] && args="$args --census $census/$host.nl"
	[ "$host" = apps ] && args="$args --pid 4300 --pid 4500 --pid 4800"
	# shellcheck disable=SC2086 # split on purpose
	COLUMNS= "$HEADROOM" $args >"$TEST_TMP/wide" 2>/dev/null
	figures "$TEST_TMP/wide" >"$TEST_TMP/wide.fig"
	[ -s "$TEST_TMP/wide.fig" ] || fail "$host: no table rows"
	for cols in 80 100 120; do
		# shellcheck disable=SC2086
		COLUMNS=$cols "$HEADROOM" $args >"$TEST_TMP/narrow" 2>/dev/null
		sed -n '/^LAYER /,/^$/p' "$TEST_TMP/narrow" |
			awk -v w="$cols" 'length > w { print length ": " $0; bad = 1 } END { exit bad }' \
				>"$TEST_TMP/long" || fail "$host at $cols columns: $(cat "$TEST_TMP/long")"
		figures "$TEST_TMP/narrow" >"$TEST_TMP/narrow.fig"
		cmp -s "$TEST_TMP/wide.fig" "$TEST_TMP/narrow.fig" ||
			fail "$host at $cols: figures changed: $(diff "$TEST_TMP/wide.fig" "$TEST_TMP/narrow.fig")"
		# every word of what the layers limit is still there
		sed -n '/^LAYER /,/^$/p' "$TEST_TMP/wide" | tr -s ' ' '\n' | sort >"$TEST_TMP/w1"
		sed -n '/^LAYER /,/^$/p' "$TEST_TMP/narrow" | tr -s ' ' '\n' | sort >"$TEST_TMP/w2"
		[ "$cols" != 120 ] || [ "$host" = apps ] || cmp -s "$TEST_TMP/w1" "$TEST_TMP/w2" ||
			fail "$host at $cols: words lost: $(diff "$TEST_TMP/w1" "$TEST_TMP/w2" | head -5)"
	done
	ok "$host: fits 80, 100 and 120 columns, figures whole"
done

COLUMNS=80 NO_COLOR=1 "$HEADROOM" --root "$hosts/debian12" check --census "$census/debian12.nl" \
	--target 10000 --user alice >"$TEST_TMP/d80" 2>&1
expect_golden "$top_srcdir/tests/cli/expected/width-debian12-80.out" "$TEST_TMP/d80"
COLUMNS=80 NO_COLOR=1 "$HEADROOM" --root "$hosts/apps" check --target 5000 --role server \
	--pid 4300 --pid 4705 --user alice >"$TEST_TMP/a80" 2>&1
expect_golden "$top_srcdir/tests/cli/expected/width-apps-80.out" "$TEST_TMP/a80"

# Colour: always (even piped, even with NO_COLOR: an explicit request
# wins), --color alone, never, auto piped; a word not listed is a usage error.
esc=$(printf '\033')
base="--root $hosts/debian12 check --census $census/debian12.nl --target 10000 --user alice"
for c in "--color=always" "--color"; do
	# shellcheck disable=SC2086
	NO_COLOR=1 "$HEADROOM" $c $base >"$TEST_TMP/c" 2>&1
	grep -q "$esc\[" "$TEST_TMP/c" || fail "$c: no colour"
done
# shellcheck disable=SC2086
"$HEADROOM" $base --color=never >"$TEST_TMP/c" 2>&1
grep -q "$esc" "$TEST_TMP/c" && fail "--color=never: colour"
# shellcheck disable=SC2086
"$HEADROOM" $base --color=auto >"$TEST_TMP/c" 2>&1
grep -q "$esc" "$TEST_TMP/c" && fail "--color=auto into a pipe: colour"
expect_error 64 "--color: 'sometimes' is not auto, always or never" "$HEADROOM" check --color=sometimes
ok "--color"

# On a terminal: colour unless NO_COLOR or --color=never; the table fits
# the terminal's own width when COLUMNS is not set.
if command -v script >/dev/null 2>&1 && command -v stty >/dev/null 2>&1; then
	on_tty() {
		# shellcheck disable=SC2086
		env -u COLUMNS TERM=xterm "$@" script -qec "stty cols 72 rows 40; $HEADROOM $base $TTY_ARGS" /dev/null >"$TEST_TMP/tty" 2>&1
	}
	TTY_ARGS="" on_tty
	grep -q "$esc\[" "$TEST_TMP/tty" || fail "terminal: no colour"
	tr -d '\r' <"$TEST_TMP/tty" | sed "s/$esc\[[0-9;]*m//g" | sed -n '/^LAYER /,/^$/p' |
		awk 'length > 72 { bad = 1 } END { exit bad }' || fail "terminal: the table is wider than 72"
	TTY_ARGS="" on_tty NO_COLOR=1
	grep -q "$esc\[" "$TEST_TMP/tty" && fail "terminal, NO_COLOR: colour"
	TTY_ARGS="--color=never" on_tty
	grep -q "$esc\[" "$TEST_TMP/tty" && fail "terminal, --color=never: colour"
	ok "a terminal: colour, NO_COLOR, --color=never, its width"
else
	ok "no script(1): the terminal cases are left out"
fi
pass
