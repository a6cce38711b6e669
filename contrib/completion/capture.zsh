#!/bin/zsh -f
# capture.zsh FPATH_DIR COMMAND_LINE: the completions an interactive zsh
# offers for COMMAND_LINE (as a Tab at its end would), one a line, for
# tests/completion/zsh.sh. After zsh-capture-completion (Valodim, MIT):
# a zsh in a pseudo-terminal whose compadd prints what it is given.
zmodload zsh/zpty || exit 77
zpty z zsh -f -i
local line
setopt rcquotes
() {
	zpty -w z source $1
	repeat 4; do
		zpty -r z line
		[[ $line == ok* ]] && return
	done
	echo 'capture.zsh: zsh did not start' >&2
	exit 2
} =( <<< '
PROMPT=
fpath=('$1' $fpath)
autoload -Uz compinit
compinit -u -D
bindkey ''^M'' undefined
bindkey ''^J'' undefined
bindkey ''^I'' complete-word
null-line () { echo -E - $''\0'' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle '':completion:*'' list-grouped false
zstyle '':completion:*'' insert-tab false
zstyle '':completion:*'' list-separator ''''
compadd () {
	if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
		builtin compadd "$@"
		return $?
	fi
	typeset -a __hits
	builtin compadd -A __hits "$@"
	local h
	for h in $__hits; do echo -E - "$h"; done
}
echo ok')
zpty -w z "$2"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
	if [[ $line == *$'\0\r' ]]; then
		(( tog++ )) && exit 0 || continue
	fi
	(( tog )) && echo -E - ${line%$'\r'}
done
exit 2
