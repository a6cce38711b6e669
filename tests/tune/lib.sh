# lib.sh: helpers for the tuning tests. Sourced; sets $TMPD (removed on
# exit), $FIX (the tuning fixtures) and $H (the binary).
set -u
H=${HEADROOM:?HEADROOM is not set (run through make check)}
FIX=${top_srcdir:?}/tests/fixtures/tune
TMPD=$(mktemp -d /tmp/headroom-tune.XXXXXX) || exit 99
chmod 755 "$TMPD"
trap 'rm -rf "$TMPD"' EXIT
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

ok() {
	echo "ok: $*"
}

finish() {
	[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
	exit 0
}

# A fresh copy of a fixture root: mkroot linux|darwin DEST
mkroot() {
	rm -rf "$2"
	cp -a "$FIX/root-$1" "$2"
	# git and tarballs do not keep these; the fixture wants them
	chmod -R u+w,go-w "$2"
}

# Every path under a root with its type, mode, owner and content hash;
# the journal (var/) is left out. Byte-for-byte comparison of two trees.
snapshot() {
	(cd "$1" && find . -path ./var -prune -o -print | LC_ALL=C sort | while read -r p; do
		if [ -L "$p" ]; then
			echo "$p link $(readlink "$p")"
		elif [ -d "$p" ]; then
			echo "$p dir $(stat -c '%a %u %g' "$p")"
		else
			echo "$p file $(stat -c '%a %u %g' "$p") $(sha256sum <"$p" | cut -d' ' -f1)"
		fi
	done)
}

# run EXPECTED_STATUS DESCRIPTION -- COMMAND...: check the exit status.
run() {
	want=$1
	what=$2
	shift 3
	"$@" >"$TMPD/out" 2>"$TMPD/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$what: exit $got, expected $want; stderr: $(cat "$TMPD/err")"
		return 1
	fi
	ok "$what"
	return 0
}
