# tests/explain/lib.sh: sourced by the explain shell tests: the environment
# they need, a scratch directory removed on exit, and fail().
set -u
: "${HEADROOM:?}" "${top_srcdir:?}"
here="$top_srcdir/tests/explain"
tmp=$(mktemp -d) || exit 99
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
status=0

fail() {
	echo "FAIL $*"
	status=1
}
