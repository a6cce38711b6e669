#!/bin/sh
# The zsh completion (contrib/completion/_headroom): its syntax, and what
# an interactive zsh offers (driven in a pseudo-terminal by
# contrib/completion/capture.zsh) for commands, options, option values,
# profiles, journal ids, pids, users and exec's command.
. "$top_srcdir/tests/completion/lib.sh"
need_cmd zsh
zsh -fc 'zmodload zsh/zpty' 2>/dev/null || skip "zsh has no zsh/zpty"

zsh -n "$COMPL/_headroom" || fail "zsh -n _headroom"
complete_line() {
	PATH=$BIN:$PATH HOME=$TEST_TMP timeout 30 zsh -f "$COMPL/capture.zsh" "$COMPL" "$1" |
		sed '/^-[a-zA-Z0-9]$/d'
}
COMPLETE_NAMES=yes # a process name gives its pid
shell_checks
pass
