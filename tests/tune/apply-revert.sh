#!/bin/sh
# Every shipped profile applies on a fixture root exactly as expected
# (tests/fixtures/tune/expected/PROFILE holds every file that must change,
# live sysctls included) and reverts byte for byte, files that did not
# exist and directories apply made included. Also: stacked applies,
# revert twice, revert out of order, drift, and symlinked targets.
. "$top_srcdir/tests/tune/lib.sh"
EXP=$FIX/expected

# Files under root $1 that differ from $2 or are new, relative paths.
changed_files() {
	(cd "$1" && find . -path ./var -prune -o -type f -print) | LC_ALL=C sort |
		while read -r f; do cmp -s "$1/$f" "$2/$f" 2>/dev/null || echo "${f#./}"; done
}

for p in c10k c100k c1m websocket-loadtest macos-dev; do
	os=linux
	[ "$p" = macos-dev ] && os=darwin
	R=$TMPD/$p
	mkroot $os "$R"
	mkroot $os "$TMPD/orig"
	snapshot "$R" >"$TMPD/before"
	run 0 "$p: apply" -- "$H" --root "$R" apply "$p" || continue
	want=$(cd "$EXP/$p" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
	got=$(changed_files "$R" "$TMPD/orig")
	[ "$got" = "$want" ] || fail "$p: changed files differ from expected:
got:
$got
expected:
$want"
	for f in $want; do
		cmp -s "$EXP/$p/$f" "$R/$f" || fail "$p: $f differs from expected: $(diff "$EXP/$p/$f" "$R/$f")"
		case $f in proc/*) continue ;; esac
		[ "$(stat -c %a "$R/$f")" = 644 ] || fail "$p: $f mode $(stat -c %a "$R/$f"), not 644"
	done
	run 0 "$p: history lists it as applied" -- "$H" --root "$R" history
	grep -q "^1 .* applied .* $p " "$TMPD/out" || fail "$p: history: $(cat "$TMPD/out")"
	run 0 "$p: revert" -- "$H" --root "$R" revert
	snapshot "$R" >"$TMPD/after"
	diff "$TMPD/before" "$TMPD/after" >"$TMPD/d" || fail "$p: revert is not byte-exact: $(cat "$TMPD/d")"
	run 0 "$p: revert again is harmless" -- "$H" --root "$R" revert
	grep -q "already reverted" "$TMPD/out" || fail "$p: second revert said: $(cat "$TMPD/out")"
	snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "$p: second revert changed the tree"
	run 0 "$p: apply again after revert" -- "$H" --root "$R" apply "$p"
	run 0 "$p: revert again" -- "$H" --root "$R" revert
	snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "$p: second round not byte-exact"
done

# Stacked applies: the second merges into the first's files; reverting the
# first while the second is in effect is refused; both reverted = as before.
R=$TMPD/stack
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
run 0 "stack: apply c10k" -- "$H" --root "$R" apply c10k
run 0 "stack: apply c100k" -- "$H" --root "$R" apply c100k
grep -q '^net.core.somaxconn = 16384$' "$R/etc/sysctl.d/90-headroom.conf" ||
	fail "stack: c100k did not override somaxconn"
run 2 "stack: revert 1 refused while 2 is in effect" -- "$H" --root "$R" revert 1
grep -q "entry 2 (later, applied) also changed" "$TMPD/err" || fail "stack: $(cat "$TMPD/err")"
run 0 "stack: revert 2" -- "$H" --root "$R" revert 2
run 0 "stack: revert 1" -- "$H" --root "$R" revert 1
snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" || fail "stack: not byte-exact: $(cat "$TMPD/d")"

# Drift: a file edited by hand after apply is not overwritten without --force.
R=$TMPD/drift
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
run 0 "drift: apply" -- "$H" --root "$R" apply c10k
echo "# local edit" >>"$R/etc/sysctl.d/90-headroom.conf"
cp "$R/etc/sysctl.d/90-headroom.conf" "$TMPD/edited"
run 2 "drift: revert refuses" -- "$H" --root "$R" revert
grep -q "changed since entry 1 was applied" "$TMPD/err" || fail "drift: $(cat "$TMPD/err")"
cmp -s "$TMPD/edited" "$R/etc/sysctl.d/90-headroom.conf" || fail "drift: the edit was lost"
run 0 "drift: revert --force" -- "$H" --root "$R" revert --force
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "drift: --force not byte-exact"

# Never through a symlink: a planted link as the target, or as a directory.
R=$TMPD/link
mkroot linux "$R"
echo "precious" >"$TMPD/victim"
ln -s "$TMPD/victim" "$R/etc/sysctl.d/90-headroom.conf"
snapshot "$R" >"$TMPD/before"
run 2 "symlink target: apply refuses" -- "$H" --root "$R" apply c10k
grep -q "a symlink is in the way (refused)" "$TMPD/err" || fail "symlink: $(cat "$TMPD/err")"
[ "$(cat "$TMPD/victim")" = precious ] || fail "symlink: wrote through the link"
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "symlink: the tree changed"
R=$TMPD/linkdir
mkroot linux "$R"
mkdir "$TMPD/elsewhere"
ln -s "$TMPD/elsewhere" "$R/etc/security/limits.d"
run 2 "symlinked directory: apply refuses" -- "$H" --root "$R" apply c10k
grep -q "limits.d: open directory: a symlink is in the way" "$TMPD/err" ||
	fail "symlinked dir: $(cat "$TMPD/err")"
[ -z "$(ls "$TMPD/elsewhere")" ] || fail "symlinked dir: wrote through it"

# --dry-run changes nothing and shows a diff.
R=$TMPD/dry
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
run 0 "dry-run" -- "$H" --root "$R" apply --dry-run c100k
grep -q '^+net.ipv4.ip_local_port_range = 1024 65535$' "$TMPD/out" || fail "dry-run: no diff line"
grep -q '^  sysctl net.core.somaxconn: 4096 -> 16384$' "$TMPD/out" || fail "dry-run: no sysctl line"
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "dry-run changed the tree"
[ ! -e "$R/var" ] || fail "dry-run created the journal"
pass
