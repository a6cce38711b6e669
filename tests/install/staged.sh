#!/bin/sh
# A staged install (make install DESTDIR=STAGE, as a package build does)
# runs from the stage: it finds its shipped profiles and its live view
# there, its binaries hold no path of the build tree, the journal follows
# the configured localstatedir, and make uninstall takes everything back,
# the package's own directories included.
. "$top_srcdir/tests/lib/functions.sh"

need_cmd make strip strings
# The test's own make, not a job of the make running the tests.
unset MAKEFLAGS MFLAGS MAKELEVEL
stage=$TEST_TMP/stage
mk() { make -s -C "$top_builddir" DESTDIR="$stage" "$@"; }
dir_of() { mk print-dir-"$1"; }

run_cmd mk install
expect_rc 0 "make install DESTDIR"
bindir=$(dir_of bindir) pkgdatadir=$(dir_of pkgdatadir) pkglibexecdir=$(dir_of pkglibexecdir)
localstatedir=$(dir_of localstatedir)
bin=$stage$bindir/headroom
[ -x "$bin" ] || fail "no $bin after make install"
[ -x "$stage$pkglibexecdir/headroom-top" ] || fail "no headroom-top in $pkglibexecdir"

# The profiles: all five shipped ones, from the stage's datadir.
run_cmd "$bin" profiles
expect_rc 0 "installed headroom profiles"
for p in c10k c100k c1m websocket-loadtest macos-dev; do
	expect_grep "^$p " "$OUT"
done
expect_grep "5 profiles from .* and $stage$pkgdatadir/profiles\\." "$OUT"
run_cmd "$bin" apply --dry-run c10k --root "$top_srcdir/tests/fixtures/hosts/debian12"
[ "$RC" -le 2 ] || fail "apply --dry-run c10k from the stage: exit $RC"

# The live view is found in the stage's pkglibexecdir.
run_cmd "$bin" top --help
expect_rc 0 "installed headroom top --help"
expect_grep '^usage: headroom top' "$OUT"
run_cmd "$bin" --root "$top_srcdir/tests/fixtures/hosts/debian12" top --batch --iterations 1
[ "$RC" -le 2 ] || fail "installed top --batch: exit $RC"
expect_grep 'headroom' "$OUT"

# The completions, where each shell looks, complete from the installed
# binary's tables (bash's, driven as bash drives it).
for f in "$(dir_of bashcompletiondir)/headroom" "$(dir_of zshcompletiondir)/_headroom" \
	"$(dir_of fishcompletiondir)/headroom.fish"; do
	[ -f "$stage$f" ] || fail "no completion $f"
done
run_cmd bash -c '. "$1"; COMP_WORDS=("$2" top --); COMP_CWORD=2; _headroom
	printf "%s\n" "${COMPREPLY[@]}"' sh "$stage$(dir_of bashcompletiondir)/headroom" "$bin"
expect_grep '^--batch$' "$OUT"

# The journal directory is the configured one (shown by history --help).
run_cmd "$bin" history --help
expect_grep "journal entry under $localstatedir/lib/headroom/journal\$" "$OUT"

# No path of the build or source tree in the code or data of the installed
# programs (debug information, which names the compilation directory, is
# stripped first: packages move it to a -dbgsym package built with
# -ffile-prefix-map).
for prog in "$bin" "$stage$pkglibexecdir/headroom-top"; do
	strip -o "$TEST_TMP/stripped" "$prog" || fail "strip $prog"
	for tree in "$(cd "$top_builddir" && pwd -P)" "$(cd "$top_srcdir" && pwd -P)"; do
		# the configured directories may lie inside the tree (distcheck's prefix)
		if strings "$TEST_TMP/stripped" | grep -F "$tree" | grep -vF "$(dir_of prefix)"; then
			fail "${prog##*/} holds the build path $tree"
		fi
	done
done
# Not built by make all, so not installed: the benchmark programs.
find "$stage" -name 'census-hold*' -o -name 'nl-count*' -o -name 'explain-ere*' |
	grep . && fail "a benchmark program was installed"

run_cmd mk uninstall
expect_rc 0 "make uninstall DESTDIR"
left=$(find "$stage" -type f -o -type l)
[ -z "$left" ] || fail "left after make uninstall: $left"
for d in "$pkgdatadir" "$pkglibexecdir"; do
	[ ! -e "$stage$d" ] || fail "make uninstall left the empty $d"
done
pass
