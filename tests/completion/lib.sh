# tests/completion/lib.sh: what the completion tests share (sourced).
# $COMPL is contrib/completion; $BIN a directory holding `headroom`, a link
# to the binary under test, to put first in PATH (/proc/self/exe resolves
# the link, so it finds its own files as the binary itself does).
. "$top_srcdir/tests/lib/functions.sh"
keep_going
COMPL=$top_srcdir/contrib/completion
BIN=$TEST_TMP/bin
mkdir -p "$BIN"
ln -s "$HEADROOM" "$BIN/headroom"

# The long options `headroom [CMD] --help` prints, sorted, one a line.
help_options() {
	"$HEADROOM" "$@" --help | grep -oE '^ +(-[a-zA-Z0-9], )?--[a-z][a-z0-9-]*' |
		sed 's/.*--/--/' | LC_ALL=C sort -u
}

# The commands `headroom --help` lists.
help_commands() {
	"$HEADROOM" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' | LC_ALL=C sort
}

# The command words and one fixture journal: two applies of c10k on a
# copy of the tuning root, so history has entries 1 and 2.
journal_root() {
	R=$TEST_TMP/root
	cp -a "$top_srcdir/tests/fixtures/tune/root-linux" "$R"
	chmod -R u+w,go-w "$R"
	"$HEADROOM" --root "$R" apply c10k >/dev/null 2>&1 || fail "apply c10k on $R"
	"$HEADROOM" --root "$R" apply c100k >/dev/null 2>&1 || fail "apply c100k on $R"
}

# expect_offers WANT GOT WHAT: the completions GOT (lines) are exactly the
# words WANT.
expect_offers() {
	_w=$(printf '%s\n' $1 | LC_ALL=C sort -u | sed '/^$/d')
	_g=$(printf '%s\n' "$2" | LC_ALL=C sort -u | sed '/^$/d')
	[ "$_g" = "$_w" ] || fail "$3: got [$(echo $_g)], want [$(echo $_w)]"
}

# The checks the zsh and fish completions share; complete_line LINE prints
# what the shell offers for LINE (a Tab at its end), one a line.
shell_checks() {
	expect_offers "$(help_commands)" "$(complete_line 'headroom ')" "commands"
	for cmd in check verify apply census top; do
		expect_offers "$(help_options "$cmd") $(help_options | grep -vx -- --version)" \
			"$(complete_line "headroom $cmd --" | grep -- '^--')" "$cmd's options"
	done
	expect_offers "text json prometheus nagios" "$(complete_line 'headroom check --format ')" "--format"
	expect_offers "client server both" "$(complete_line 'headroom check --role ')" "--role"
	expect_offers "time-wait" "$(complete_line 'headroom census --state ti')" "--state"
	expect_offers "$("$HEADROOM" -q profiles | awk '{print $1}')" \
		"$(complete_line 'headroom apply ')" "profiles"
	journal_root
	expect_offers "1 2" "$(complete_line "headroom --root $R revert ")" "journal ids"
	sleep 60 &
	_sp=$!
	started "$_sp"
	complete_line "headroom check --pid $_sp" | grep -qx "$_sp" || fail "--pid: no $_sp"
	[ "${COMPLETE_NAMES:-}" != yes ] || complete_line "headroom check --pid slee" |
		grep -qx "$_sp" || fail "--pid slee: no $_sp"
	expect_offers root "$(complete_line 'headroom check --user roo' | grep -x root)" "--user"
	complete_line 'headroom exec --nofile 4096 -- printf' | grep -qx printf ||
		fail "exec's command"
}
