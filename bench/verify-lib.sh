# bench/verify-lib.sh: what the verify benchmarks share (bench/verify.sh,
# verify-profile.sh, verify-scale.sh source it). HEADROOM and REF name
# headroom and bench/verify-ref (default: the build tree's).
HEADROOM=${HEADROOM:-src/headroom}
REF=${REF:-bench/verify-ref}

# in_bench_netns NAME TOOLS ARGS...: run the calling script again in a
# network namespace of its own (as root; exit 77 otherwise, or when a tool
# in TOOLS is missing), once HEADROOM and REF are built; there, bring
# loopback up and return. NAME is the script's, for messages.
in_bench_netns() {
	_name=$1
	_tools=$2
	shift 2
	if [ -n "${VERIFY_BENCH_NETNS:-}" ]; then
		ip link set lo up
		return
	fi
	[ "$(id -u)" -eq 0 ] || { echo "$_name: needs root for unshare -n" >&2; exit 77; }
	for _f in "$HEADROOM" "$REF"; do
		[ -x "$_f" ] || { echo "$_name: $_f not built" >&2; exit 1; }
	done
	for _t in $_tools; do
		command -v "$_t" >/dev/null || { echo "$_name: $_t not installed" >&2; exit 77; }
	done
	VERIFY_BENCH_NETNS=1 exec unshare -n sh "$0" "$@"
}

# field NAME: the first number after "NAME": in the JSON on stdin
field() {
	grep -o "\"$1\": [0-9.]*" | head -1 | sed 's/.*: //'
}
