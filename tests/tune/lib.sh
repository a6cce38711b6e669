# tests/tune/lib.sh: what the tuning tests share beyond
# tests/lib/functions.sh (sourced): fixture roots, tree snapshots and
# `run`. Sets $H (the binary), $FIX (the tuning fixtures) and $TMPD (the
# test's directory, readable by the user nobody for the unprivileged
# runs). A failed check does not stop the test: each reports all it finds
# and ends with `pass`.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
H=$HEADROOM
FIX=$top_srcdir/tests/fixtures/tune
TMPD=$TEST_TMP
chmod 755 "$TMPD"

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
