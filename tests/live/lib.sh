# tests/live/lib.sh: what the live tests of `headroom check` share beyond
# tests/lib/functions.sh (sourced): `run` for headroom itself, and JSON
# read with sed: check --format json prints the top-level fields on the
# first line and one layer object per line after it, so a layer is one
# grep and a field one sed, with no JSON tool to install.

set -e
. "$top_srcdir/tests/lib/functions.sh"

# run ARG...: run_cmd for headroom.
run() {
	run_cmd "$HEADROOM" "$@"
}

# layer ID [PID]: the JSON line of a layer in $OUT; with PID, the layer of
# that watched process, without, the one of headroom itself.
layer() {
	if [ $# -gt 1 ]; then
		grep -F "{\"id\":\"$1\"," "$OUT" | grep -F "\"pid\":$2," || true
	else
		grep -F "{\"id\":\"$1\"," "$OUT" | grep -vF '"pid":' || true
	fi
}

# field NAME: a scalar field of the JSON object on stdin, quotes removed.
field() {
	sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" | tr -d '"'
}

# layer_field ID PID|- NAME
layer_field() {
	if [ "$2" = - ]; then
		layer "$1" | field "$3"
	else
		layer "$1" "$2" | field "$3"
	fi
}

# top_field NAME: a field of the report itself (the first line).
top_field() {
	head -n 1 "$OUT" | field "$1"
}

# hide_dockerenv: this machine may look like a container (/.dockerenv),
# where check rightly prints the runtime's options; the test runs again in
# a mount namespace of its own where that file is /dev/null, to see the
# host's fixes.
hide_dockerenv() {
	[ -e /.dockerenv ] && [ "${HEADROOM_TEST_MNTNS:-}" != 1 ] || return 0
	unshare -m true 2>/dev/null || skip "cannot create a mount namespace to hide /.dockerenv"
	_t_cleanup
	trap - EXIT HUP INT TERM
	HEADROOM_TEST_MNTNS=1 exec unshare -m sh -c \
		'mount --bind /dev/null /.dockerenv && exec sh "$0"' "$TEST_SCRIPT"
}
