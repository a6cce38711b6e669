#!/bin/sh
# Names that reach a file or the journal are validated at the command
# line as in profiles (issue 14, defects 1 and 2): apply --unit with a
# blank or a newline, apply --user with a newline, empty or 100 KB, check
# and top --user alike, are refused with 65 and change nothing; the
# journal never records a target it could not read back whole.
. "$top_srcdir/tests/tune/lib.sh"
R=$TMPD/root
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
nl='
'
big=$(head -c 102400 /dev/zero | tr '\0' a)
# a profile that writes a drop-in for each unit named
printf '[systemd]\nLimitNOFILE = 65536\n' >"$TMPD/unit.conf"

for unit in 'nginx.service php-fpm.service' "nginx.service${nl}x.service" '' \
	'../etc/passwd.service' 'nginx' '.service' '@x.service' 'a@b@c.service'; do
	run 65 "--unit '$unit' refused" -- "$H" --root "$R" apply "$TMPD/unit.conf" --unit "$unit"
	grep -q "^headroom apply: --unit: unit '" "$TMPD/err" || fail "--unit '$unit': $(cat "$TMPD/err")"
	[ ! -s "$TMPD/out" ] || fail "--unit '$unit': printed $(cat "$TMPD/out")"
done
for user in "alice${nl}* hard nofile 0" '' "$big" 'Root' '0day1' '1234' 'a b' '@' '@Wheel'; do
	run 65 "--user '$(printf %.20s "$user")' refused" -- "$H" --root "$R" apply --user "$user" c10k
	[ "$(wc -l <"$TMPD/err")" -eq 2 ] || fail "--user: not one line and the usage hint: $(head -c 300 "$TMPD/err")"
	[ "$(wc -c <"$TMPD/err")" -lt 400 ] || fail "--user: the whole value echoed back"
done
snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" || fail "a refused name changed the tree: $(cat "$TMPD/d")"
[ ! -e "$R/var" ] || fail "a refused name created the journal"

# what is valid still works: a template instance, a user with $, a group
run 0 "--unit foo@bar.service --user @wheel" -- "$H" --root "$R" apply --dry-run \
	"$TMPD/unit.conf" --unit 'foo@bar.service' --user @wheel
grep -q 'system/foo@bar.service.d/' "$TMPD/out" || fail "no drop-in for foo@bar.service"
run 0 "--user machine\$" -- "$H" --root "$R" apply --dry-run --user 'machine$' c10k

# check and top take the same user names
run 65 "check --user with a newline" -- "$H" --root "$R" check --user "a${nl}b"
grep -q "user 'a.x0ab' is not a valid name" "$TMPD/err" || fail "check --user: $(cat "$TMPD/err")"
run 65 "top --user with a blank" -- "$H" --root "$R" top --batch --user 'a b'

# profiles: the same validator, the same words
printf '[limits]\nuser = %s\nnofile = 1000\n' "Alice" >"$TMPD/p.conf"
run 65 "profile user = Alice" -- "$H" profiles "$TMPD/p.conf"
grep -q "user 'Alice' is not a valid name" "$TMPD/err" || fail "profile user: $(cat "$TMPD/err")"

# a valid unit is applied and reverted byte for byte
run 0 "apply with --unit nginx.service" -- "$H" --root "$R" apply "$TMPD/unit.conf" --unit nginx.service
[ -f "$R/etc/systemd/system/nginx.service.d/90-headroom.conf" ] || fail "no drop-in written"
run 0 "revert it" -- "$H" --root "$R" revert
snapshot "$R" | diff "$TMPD/before" - >"$TMPD/d" || fail "not byte-exact: $(cat "$TMPD/d")"
pass
