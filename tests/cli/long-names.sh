#!/bin/sh
# Fixes and changes are built with checked lengths (issue 14, defect 19):
# a valid unit name of 248 characters and a user name of 32 reach every
# fix, drop-in path and journal entry whole. The fix strings were cut at
# 256 bytes mid-unit-name, the unit a pid runs in at 127 characters, a
# process owner's name at 31, and apply could not hold a drop-in path
# over 255 bytes. A valid unit too long for a drop-in directory (UNIT.d
# over 255 bytes) is refused up front (65), with nothing changed.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
R=$TEST_TMP/root
cp -a "$top_srcdir/tests/fixtures/hosts/apps" "$R"
chmod -R u+w "$R"
unit=$(printf 'w%.0s' $(seq 1 240)).service
user=$(printf 'u%.0s' $(seq 1 32))
dropin=/etc/systemd/system/$unit.d/90-headroom.conf

# memcached (pid 4600) in the long unit; redis (4500, uid 100) owned by
# the long user
echo "0::/system.slice/$unit" >"$R/proc/4600/cgroup"
echo "$user:x:100:100::/nonexistent:/bin/sh" >>"$R/etc/passwd"
run_cmd "$HEADROOM" --root "$R" check --target 30000 --pid 4600 --pid 4500
grep -q "^  # persist: LimitNOFILE=37888 in $dropin\$" "$OUT" ||
	fail "systemd.unit: the drop-in is not named whole"
grep -q "^  # now:     systemctl daemon-reload && systemctl restart $unit\$" "$OUT" ||
	fail "systemd.unit: the restart is not named whole"
grep -q "^  # persist: LimitNOFILE=37888 in $dropin, then systemctl daemon-reload && systemctl restart $unit\$" "$OUT" ||
	fail "nofile.hard (pid 4600): the fix is not whole"
grep -q "^  # persist: $user hard nofile 37888 and $user soft nofile 37888 in " "$OUT" ||
	fail "nofile.hard (pid 4500): the owner's name is not whole"
run_cmd "$HEADROOM" --root "$R" check --target 30000 --pid 4600 --format json
grep -q "\"$dropin\"\\|in $dropin" "$OUT" || fail "json: the drop-in is not whole"

# apply and revert with the long unit: the drop-in and its directory are
# made and taken back
T=$TEST_TMP/tune
cp -a "$top_srcdir/tests/fixtures/tune/root-linux" "$T"
printf '[profile]\ninclude = c10k\n[systemd]\nLimitNOFILE = 65536\n' >"$TEST_TMP/unit.conf"
run_cmd "$HEADROOM" --root "$T" apply "$TEST_TMP/unit.conf" --unit "$unit" --persist
expect_rc 0
[ -f "$T$dropin" ] || fail "apply: no $dropin"
grep -q '^LimitNOFILE=65536$' "$T$dropin" || fail "apply: the drop-in lacks LimitNOFILE"
run_cmd "$HEADROOM" --root "$T" revert
expect_rc 0
[ -e "$T/etc/systemd/system/$unit.d" ] && fail "revert: the drop-in directory is still there"

# 254 characters: valid for systemd, but no drop-in directory can hold it
long=$(printf 'x%.0s' $(seq 1 246)).service
cp -a "$T" "$TEST_TMP/before"
expect_error 65 "$long: its drop-in directory would be longer than a file name \\(255\\)" \
	"$HEADROOM" --root "$T" apply "$TEST_TMP/unit.conf" --unit "$long" --persist
diff -r "$TEST_TMP/before" "$T" >/dev/null || fail "apply of a unit with no drop-in changed the tree"

# apply --user with the long user: limits.d lines name it whole
run_cmd "$HEADROOM" --root "$T" apply c10k --user "$user" --dry-run
grep -q "^+$user	hard	nofile	" "$OUT" || fail "apply --user: the name is not whole"
pass
