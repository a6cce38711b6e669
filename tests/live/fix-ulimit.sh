#!/bin/sh
# The session's nofile fixes, run as printed: with a hard limit that
# allows it, nofile.soft's "now" fix is `ulimit -Sn N`, which raises the
# soft limit and keeps the hard one (a plain `ulimit -n N` would lower it
# for good); with a hard limit below the need, it prints no command and
# points at nofile.hard instead.
. "$top_srcdir/tests/live/lib.sh"
need_cmd prlimit
hard=$(ulimit -Hn)
[ "$hard" = unlimited ] || [ "$hard" -ge 8192 ] || skip "this shell's hard nofile limit is $hard"

# live_fix ID: the layer's printed "now" fix, JSON escapes undone, without
# the explanation in parentheses after two blanks.
live_fix() {
	layer "$1" | sed -n 's/.*"fix":{"live":"\(\([^"\\]\|\\.\)*\)".*/\1/p' |
		sed 's/\\"/"/g; s/\\\\/\\/g; s/  (.*//'
}

run_cmd prlimit --nofile=1024:"$hard" "$HEADROOM" check --target 2000 --role server --format json
expect_rc 0 1 2
fix=$(live_fix nofile.soft)
echo "printed fix: $fix"
case "$fix" in
"ulimit -Sn "[0-9]*) ;;
*) fail "nofile.soft: not an ulimit -Sn fix: '$fix'" ;;
esac
want=${fix#ulimit -Sn }
got=$(prlimit --nofile=1024:"$hard" sh -c "$fix && ulimit -Sn && ulimit -Hn" 2>&1 | tr '\n' ' ')
expect_eq "soft and hard after the printed fix" "$got" "$want $hard "
run_cmd prlimit --nofile="$want":"$hard" "$HEADROOM" check --target 2000 --role server --format json
expect_eq "nofile.soft after the fix" "$(layer_field nofile.soft - verdict)" ok

# A hard limit below the need: no command on the soft row that would fail.
run_cmd prlimit --nofile=1024:2048 "$HEADROOM" check --target 2000 --role server --format json
fix=$(live_fix nofile.soft)
case "$fix" in
"none until the hard limit (2048) is raised: see nofile.hard"*) ;;
# in a container (this kind of machine has /.dockerenv) the hard limit is
# set where it starts
"none inside the container: its hard limit is set when it starts: "*) ;;
*) fail "nofile.soft under a short hard limit: '$fix'" ;;
esac
pass
