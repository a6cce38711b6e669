#!/bin/sh
# The journal is verified before it is trusted (issue 14, defects 3, 12
# and 13): a `changes` file cut at a line boundary, a cut or edited old
# value, a missing file, a damaged info are refused by revert with 65
# naming the file, and nothing is written back; history says "damaged".
# A half-written newest entry (a kill while it was recorded) does not
# block reverting the complete one before it, and the next run removes it.
. "$top_srcdir/tests/tune/lib.sh"
R=$TMPD/root
J=$R/var/lib/headroom/journal

fresh() {
	mkroot linux "$R"
	snapshot "$R" >"$TMPD/before"
	run 0 "apply c10k" -- "$H" --root "$R" apply c10k || return 1
	snapshot "$R" >"$TMPD/applied"
}

# damage CMD FILE: after CMD damages FILE of entry 1, revert refuses with
# 65 naming FILE and changes nothing.
damage() {
	fresh || return
	(cd "$J/1" && eval "$1")
	run 65 "$2: revert refuses" -- "$H" --root "$R" revert
	grep -q "journal entry 1 is damaged: $J/1/$2 .*nothing was changed" "$TMPD/err" ||
		fail "$2: $(cat "$TMPD/err")"
	snapshot "$R" | diff "$TMPD/applied" - >"$TMPD/d" || fail "$2: revert wrote: $(cat "$TMPD/d")"
	run 0 "$2: history lists it" -- "$H" --root "$R" history
	grep -q "^1 .* damaged " "$TMPD/out" || fail "$2: history: $(cat "$TMPD/out")"
	run 65 "$2: history 1 names the file" -- "$H" --root "$R" history 1
	grep -q "$J/1/$2" "$TMPD/err" || fail "$2: history 1: $(cat "$TMPD/err")"
}

# cut at a line boundary: 3 of 7 changes left
damage 'head -n 3 changes >c && mv c changes' changes
# the old somaxconn value cut to its first two bytes ("40" of "4096")
damage 'head -c 2 1.old >o && mv o 1.old' 1.old
damage 'printf 1 >1.old' 1.old
damage 'rm 1.old' 1.old
damage 'rm sums' sums
damage 'sed -i "s/^state applied/state reverted/" info' info
damage 'head -n 3 sums >s && mv s sums' sums
# an edited new value: still refused (a grown file)
damage 'echo extra >>3.new' 3.new

# --force does not get past damage either: there is nothing safe to restore
fresh
printf 1 >"$J/1/1.old"
run 65 "--force is refused too" -- "$H" --root "$R" revert --force
snapshot "$R" | diff "$TMPD/applied" - >/dev/null || fail "--force wrote damage back"

# A half-written entry 2 (killed while recording: no info yet) neither
# blocks reverting entry 1 nor survives the next run.
fresh
mkdir "$J/2"
head -n 2 "$J/1/changes" >"$J/2/changes"
cp "$J/1/1.old" "$J/2/1.old"
: >"$J/2/.info.headroom-99999-0"
run 0 "half-written entry 2: history shows entry 1 only" -- "$H" --root "$R" history
grep -q '^2 ' "$TMPD/out" && fail "history lists the half-written entry"
run 0 "half-written entry 2: revert reverts entry 1" -- "$H" --root "$R" revert
grep -q "reverted entry 1" "$TMPD/out" || fail "revert: $(cat "$TMPD/out")"
snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" || fail "not byte-exact: $(cat "$TMPD/d")"
[ ! -e "$J/2" ] || fail "the half-written entry was left: $(ls -a "$J/2")"
run 0 "apply after it is entry 2" -- "$H" --root "$R" apply c10k
grep -q "journal entry 2" "$TMPD/out" || fail "$(cat "$TMPD/out")"
run 0 "and reverts" -- "$H" --root "$R" revert
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "second round not byte-exact"
pass
