#!/bin/sh
# Users and groups come from libc (issue 14, defect 19): under --root the
# tree's /etc/passwd and /etc/group are read with fgetpwent/fgetgrent, so
# a member list of any length counts. A hand parser cut the list at 1,024
# bytes and dropped alice, the last member: the @bigteam lines no longer
# applied and limits.conf flipped from OK 50,000 to WARN 1,024.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
R=$TEST_TMP/root
cp -a "$top_srcdir/tests/fixtures/hosts/debian12" "$R"
chmod -R u+w "$R"

# debian12 has alice (1000) in sudo and loadtest already
members=$(seq -f 'loaduser%04g' 1 200 | paste -sd, -)
echo "bigteam:x:2000:$members,alice" >>"$R/etc/group"
[ "$(grep '^bigteam:' "$R/etc/group" | wc -c)" -gt 2048 ] || fail "the member list is not long"
printf '@bigteam soft nofile 50000\n@bigteam hard nofile 50000\n' >>"$R/etc/security/limits.conf"

run_cmd "$HEADROOM" --root "$R" check --target 30000 --user alice -v
grep -q '^limits.conf       OK           50,000 ' "$OUT" || fail "$(grep '^limits.conf ' "$OUT")"
grep -q 'user alice: soft 50000, hard 50000 (/etc/security/limits.conf:' "$OUT" ||
	fail "the @bigteam line is not named: $(grep 'user alice' "$OUT")"

# The same for a user in more groups than the old fixed table (64) held,
# with the group that counts listed last.
for i in $(seq 1 100); do echo "g$i:x:$((3000 + i)):bob"; done >>"$R/etc/group"
echo 'bob:x:1001:1001::/home/bob:/bin/sh' >>"$R/etc/passwd"
echo "late:x:4000:bob" >>"$R/etc/group"
printf '@late soft nofile 60000\n@late hard nofile 60000\n' >>"$R/etc/security/limits.conf"
run_cmd "$HEADROOM" --root "$R" check --target 30000 --user bob
grep -q '^limits.conf       OK           60,000 ' "$OUT" || fail "bob: $(grep '^limits.conf ' "$OUT")"

# A FIFO at /etc/group is refused, named, and nothing hangs.
rm "$R/etc/group"
mkfifo "$R/etc/group"
run_cmd timeout 10 "$HEADROOM" --root "$R" check --target 30000 --user alice -v
expect_grep "/etc/group: not a regular file \\(refused\\)" "$OUT"
pass
