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

# haproxy_conf FILE PORT [GLOBAL-LINE]...: a small HAProxy configuration
# with these lines in its global section (nbthread 2 after them), HTTP
# defaults, and a frontend on 127.0.0.1:PORT that answers 200 itself.
haproxy_conf() {
	_f=$1 _port=$2
	shift 2
	{
		echo global
		for _l in "$@"; do echo "    $_l"; done
		cat <<CONF
    nbthread 2

defaults
    mode http
    timeout connect 2s
    timeout client 10s
    timeout server 10s

frontend fe
    bind 127.0.0.1:$_port
    http-request return status 200 content-type text/plain string ok
CONF
	} >"$_f"
}
