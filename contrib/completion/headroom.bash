# bash completion for headroom(1)                          -*- shell-script -*-
#
# Commands, options and option values come from the binary being completed
# (`headroom --list-options`, `headroom CMD --list-options`: its own option
# tables), so they cannot drift from what it parses. Profile names come
# from `headroom -q profiles` (both profile directories), journal ids from
# `headroom history` (under --root when the command line has one), pids
# and process names from /proc. Works with or without the bash-completion
# package.

# _headroom_lines BIN [CMD]: the --list-options lines.
_headroom_lines()
{
	"$1" ${2:+"$2"} --list-options 2>/dev/null
}

# _headroom_pids PREFIX: pids starting with PREFIX; for a name, the pids of
# the processes whose name starts with it (`--pid ngi<TAB>` -> nginx's pid).
_headroom_pids()
{
	local p c
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		if [[ -z $1 || $1 == [0-9]* ]]; then
			[[ $p == "$1"* ]] && COMPREPLY+=("$p")
		elif read -r c 2>/dev/null <"/proc/$p/comm" && [[ $c == "$1"* ]]; then
			COMPREPLY+=("$p")
		fi
	done
}

# _headroom_value BIN CMD OPTION CUR: complete OPTION's argument.
_headroom_value()
{
	local bin=$1 cmd=$2 opt=$3 cur=$4 kind long short takes words help
	while IFS=$'\t' read -r kind long short takes words help; do
		[[ $kind == option && ($opt == "$long" || $opt == "$short") ]] || continue
		if [[ $words != - ]]; then
			COMPREPLY=($(compgen -W "${words//,/ }" -- "$cur"))
			return
		fi
		case ${takes#[=} in
		PID*) _headroom_pids "$cur" ;;
		FILE*) compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur")) ;;
		DIR*) compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -d -- "$cur")) ;;
		NAME*) [[ $long == --user ]] && COMPREPLY=($(compgen -u -- "$cur")) ;;
		esac
		return
	done < <(_headroom_lines "$bin" "$cmd")
}

# _headroom_takes BIN CMD WORD: WORD is an option that takes an argument
# in the next word.
_headroom_takes()
{
	local kind long short takes rest
	while IFS=$'\t' read -r kind long short takes rest; do
		[[ $kind == option && ($3 == "$long" || $3 == "$short") ]] || continue
		[[ $takes != - && $takes != \[* ]]
		return
	done < <(_headroom_lines "$1" "$2")
	return 1
}

_headroom()
{
	local cur=${COMP_WORDS[COMP_CWORD]} bin=${COMP_WORDS[0]}
	local cmd="" i w root=() dashdash=0 operands=0 opt=""
	COMPREPLY=()
	bin=${bin/#\~/$HOME}
	command -v -- "$bin" >/dev/null 2>&1 || bin=headroom

	# The command, --root, `--`, and how many operands precede the word.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if ((dashdash)); then
			((operands++))
			continue
		fi
		case $w in
		--) [[ -n $cmd ]] && dashdash=1 ;;
		=) ;;
		--root)
			if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
				root=(--root "${COMP_WORDS[i + 2]-}")
			else
				root=(--root "${COMP_WORDS[i + 1]-}")
			fi
			;;
		-*) ;;
		*)
			# An option's argument is not an operand.
			w=${COMP_WORDS[i - 1]}
			[[ $w == = ]] && continue
			if ((i > 1)) && [[ $w == -* ]] && _headroom_takes "$bin" "$cmd" "$w"; then
				continue
			fi
			if [[ -z $cmd ]]; then
				cmd=${COMP_WORDS[i]}
			else
				((operands++))
				[[ $cmd == exec ]] && dashdash=1 # options end at the command
			fi
			;;
		esac
	done

	# --opt=VALUE (bash splits at '='), then --opt VALUE.
	if [[ $cur == = && ${COMP_WORDS[COMP_CWORD - 1]} == --* ]]; then
		opt=${COMP_WORDS[COMP_CWORD - 1]} cur=""
	elif [[ ${COMP_WORDS[COMP_CWORD - 1]} == = && COMP_CWORD -ge 2 ]]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif ((!dashdash)) && [[ ${COMP_WORDS[COMP_CWORD - 1]} == -* ]] &&
		_headroom_takes "$bin" "$cmd" "${COMP_WORDS[COMP_CWORD - 1]}"; then
		opt=${COMP_WORDS[COMP_CWORD - 1]}
	fi
	if [[ -n $opt ]]; then
		_headroom_value "$bin" "$cmd" "$opt" "$cur"
		return
	fi

	if ((dashdash)); then
		# exec's COMMAND [ARG]...: a command, then its arguments.
		if [[ $cmd == exec ]] && ((operands == 0)); then
			COMPREPLY=($(compgen -c -- "$cur"))
		else
			compopt -o default 2>/dev/null
		fi
		return
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_headroom_lines "$bin" "$cmd" |
			awk -F'\t' '$1 == "option" { print $2 ($4 ~ /^\[=/ ? "=" : "") }')" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi

	case $cmd in
	"")
		COMPREPLY=($(compgen -W "$(_headroom_lines "$bin" |
			awk -F'\t' '$1 == "command" { print $2 }')" -- "$cur")) ;;
	apply | profiles)
		((operands == 0)) && COMPREPLY=($(compgen -W "$("$bin" -q profiles 2>/dev/null |
			awk '{ print $1 }')" -- "$cur")) ;;
	revert | history)
		((operands == 0)) && COMPREPLY=($(compgen -W "$("$bin" "${root[@]}" history 2>/dev/null |
			awk '$1 ~ /^[0-9]+$/ { print $1 }')" -- "$cur")) ;;
	exec)
		COMPREPLY=($(compgen -c -- "$cur")) ;;
	esac
}
complete -F _headroom headroom
