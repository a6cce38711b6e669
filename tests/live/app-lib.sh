# tests/live/app-lib.sh: helpers for the live tests of application layers
# (sourced after lib.sh). Each test starts a real server from its Debian
# package in its own network namespace, under prlimit, with a small
# configuration in its temporary directory, on loopback; stops it by pid.

# fix_live ID PID: the printed "now" fix of an application layer, JSON
# escapes undone.
fix_live() {
	layer "$1" "$2" | sed -n 's/.*"fix":{"live":"\(\([^"\\]\|\\.\)*\)".*/\1/p' |
		sed 's/\\"/"/g; s/\\\\/\\/g'
}

# children PID PATTERN: how many children of PID have a command line
# starting with PATTERN.
children() {
	c=0
	for s in /proc/[0-9]*/stat; do
		p=${s#/proc/}
		p=${p%/stat}
		[ "$(cut -d' ' -f4 "$s" 2>/dev/null)" = "$1" ] || continue
		case "$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)" in "$2"*) c=$((c + 1)) ;; esac
	done
	echo "$c"
}

# A port no other test in this namespace uses.
app_port() {
	echo $((20000 + $$ % 20000))
}
