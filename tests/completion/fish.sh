#!/bin/sh
# The fish completion (contrib/completion/headroom.fish): its syntax, and
# what fish offers (complete -C) for commands, options, option values,
# profiles, journal ids, pids, users and exec's command.
. "$top_srcdir/tests/completion/lib.sh"
need_cmd fish

fish -n "$COMPL/headroom.fish" || fail "fish -n headroom.fish"
complete_line() {
	PATH=$BIN:$PATH fish -c 'source $argv[1]; complete -C $argv[2]' "$COMPL/headroom.fish" "$1" |
		cut -f1 | sed 's/=.*//; /^-[a-zA-Z0-9]$/d'
}
shell_checks
pass
