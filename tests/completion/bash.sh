#!/bin/sh
# The bash completion (contrib/completion/headroom.bash), driven as bash
# drives it (COMP_WORDS, COMP_CWORD, then _headroom): commands and every
# command's options are exactly those its --help prints; option values
# (--format, --role, --state), profile names from both profile
# directories, journal ids from history (under --root), pids and process
# names for --pid, files, users, and exec's command.
. "$top_srcdir/tests/completion/lib.sh"
need_cmd bash

# complete WORD... : the completions bash would offer for the last WORD,
# sorted, one a line (the first word is the command being completed).
complete_words() {
	bash -c '. "$1" || exit 1; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
		_headroom
		printf "%s\n" "${COMPREPLY[@]}"' sh "$COMPL/headroom.bash" "$@" | LC_ALL=C sort -u |
		sed '/^$/d'
}
# expect_complete WANT WORD...: the completions are exactly WANT (words).
expect_complete() {
	want=$(printf '%s\n' $1 | LC_ALL=C sort -u | sed '/^$/d')
	shift
	got=$(complete_words "$@")
	[ "$got" = "$want" ] || fail "completing [$*]: got [$(echo $got)], want [$(echo $want)]"
}
# expect_includes WORD WORDS...: WORD is among the completions.
expect_includes() {
	want=$1
	shift
	complete_words "$@" | grep -qxF -- "$want" ||
		fail "completing [$*]: '$want' missing from [$(complete_words "$@" | tr '\n' ' ')]"
}

# An option whose argument is optional (--color[=WHEN]) is offered as
# "--color=": bash completes its values after the "=".
optional_arg=$("$HEADROOM" --list-options | awk -F'\t' '$1 == "option" && $4 ~ /^\[=/ { print $2 }')
bash_options() {
	help_options "$@" | while read -r o; do
		if printf '%s\n' "$optional_arg" | grep -qxF -- "$o"; then echo "$o="; else echo "$o"; fi
	done
}

# Commands: those of headroom --help.
expect_complete "$(help_commands)" "$HEADROOM" ""
expect_complete "check census" "$HEADROOM" c
# The main options, and every command's: exactly what its --help lists,
# and the global ones (headroom --help's, but --version).
main=$(bash_options)
expect_complete "$main" "$HEADROOM" --
globals=$(echo "$main" | grep -vx -- --version)
for cmd in $(help_commands); do
	expect_complete "$(bash_options "$cmd") $globals" "$HEADROOM" "$cmd" --
	ok "$cmd: $(help_options "$cmd" | wc -l) options"
done
# Options after operands and after global options, and a prefix.
expect_complete "--dry-run" "$HEADROOM" --root / apply c10k --dr
expect_complete "--format" "$HEADROOM" -q check --fo

# Option values: the words of the option tables, both spellings.
expect_complete "text json prometheus nagios" "$HEADROOM" check --format ""
expect_complete "json" "$HEADROOM" check --format = j
expect_complete "json" "$HEADROOM" check -f j
expect_complete "text json" "$HEADROOM" census --format ""
expect_complete "client server both" "$HEADROOM" check --role ""
expect_complete "fds sockets connections" "$HEADROOM" verify --what ""
expect_complete "time-wait" "$HEADROOM" census --state ti
# census --state: every name offered is one census takes.
for s in $(complete_words "$HEADROOM" census --state ""); do
	run_cmd "$HEADROOM" census --replay "$top_srcdir/tests/fixtures/census/$(ls "$top_srcdir/tests/fixtures/census" | grep -m1 '\.bin$')" --state "$s" -q
	[ "$RC" != 64 ] || fail "census refuses the offered --state $s: $(cat "$ERR")"
done
[ -n "$(complete_words "$HEADROOM" census --state "")" ] || fail "no --state names"
# A value is not taken for an operand: after --format json, options again.
expect_complete "--target" "$HEADROOM" check --format json --tar

# Profile names: exactly the profiles `headroom profiles` lists.
names=$("$HEADROOM" -q profiles | awk '{print $1}')
expect_complete "$names" "$HEADROOM" apply ""
expect_complete "c10k c100k c1m" "$HEADROOM" profiles c1
expect_complete "" "$HEADROOM" apply c10k "" # one profile only
# Both directories: a local profile in SYSCONFDIR/headroom/profiles (a
# tmpfs over the nearest existing parent, in a private mount namespace).
sysconfdir=$(unset MAKEFLAGS MFLAGS MAKELEVEL; make -s -C "$top_builddir" print-dir-sysconfdir)
base=$sysconfdir
while [ ! -d "$base" ]; do base=${base%/*}; done
# Not over the binary, the sources or the test's files (an uninstalled
# prefix inside the build tree, as in distcheck).
hides() {
	case "$2/" in "$1"/*) return 0 ;; esac
	return 1
}
if [ "$(id -u)" = 0 ] && [ -n "$base" ] && [ "$base" != / ] &&
	! hides "$base" "$HEADROOM" && ! hides "$base" "$top_srcdir" &&
	! hides "$base" "$TEST_TMP" && unshare -m true 2>/dev/null; then
	got=$(unshare -m sh -c '
		mount --make-rprivate / && mount -t tmpfs none "$1" &&
		mkdir -p "$2/headroom/profiles" &&
		cp "$3/profiles/c10k.conf" "$2/headroom/profiles/site-local.conf" &&
		bash -c ". \"\$1\"; COMP_WORDS=(\"\$2\" apply site); COMP_CWORD=2; _headroom
			echo \"\${COMPREPLY[*]}\"" sh "$4" "$5"' \
		sh "$base" "$sysconfdir" "$top_srcdir" "$COMPL/headroom.bash" "$HEADROOM")
	expect_eq "a profile of $sysconfdir/headroom/profiles" "$got" "site-local" &&
		ok "a profile of $sysconfdir/headroom/profiles completes"
else
	ok "SKIPPED: a profile in $sysconfdir (needs root, unshare -m and a parent apart from the build)"
fi

# Journal ids, under the --root of the command line (both spellings).
journal_root
expect_complete "1 2" "$HEADROOM" --root "$R" revert ""
expect_complete "1 2" "$HEADROOM" --root = "$R" history ""
expect_complete "" "$HEADROOM" --root "$R" revert 1 ""

# --pid: pids, and a process name for its pid.
sleep 60 &
sp=$!
started "$sp"
expect_includes "$sp" "$HEADROOM" check --pid "$sp"
expect_includes "$sp" "$HEADROOM" top --pid sle
expect_includes "$sp" "$HEADROOM" raise -p sle
complete_words "$HEADROOM" check --pid sle | grep -qvE '^[0-9]+$' && fail "--pid offers a non-pid"

# Files, directories, users, exec's command.
: >"$TEST_TMP/report.prom"
expect_complete "$TEST_TMP/report.prom" "$HEADROOM" check --output "$TEST_TMP/rep"
expect_includes "$TEST_TMP/root" "$HEADROOM" --root "$TEST_TMP/ro"
expect_includes root "$HEADROOM" check --user roo
expect_includes printf "$HEADROOM" exec --nofile 4096 -- printf
expect_includes printf "$HEADROOM" exec printf
# after exec's command, its own options are not headroom's
expect_complete "" "$HEADROOM" exec sleep --nof
pass
