#!/bin/sh
# shellcheck disable=SC2086 # $AS_USER: a command prefix, split on purpose
# An application's configuration that cannot be read, for real: a copy of
# the apps fixture host with nginx.conf and redis.conf at mode 000, read
# by an unprivileged user (as root the test drops to nobody with setpriv).
# Each layer is unknown with the file and the reason, nothing else breaks,
# and the check's exit status is 3 (unknown).
. "$top_srcdir/tests/live/lib.sh"

bin=$HEADROOM
if [ "$(id -u)" = 0 ]; then
	need_cmd setpriv
	AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	chmod 755 "$TEST_TMP"
	cp "$HEADROOM" "$TEST_TMP/headroom"
	chmod 755 "$TEST_TMP/headroom"
	bin=$TEST_TMP/headroom
	$AS_USER "$bin" --version >/dev/null 2>&1 || skip "nobody cannot run $bin"
else
	AS_USER=""
fi
root=$TEST_TMP/apps
cp -a "$top_srcdir/tests/fixtures/hosts/apps" "$root"
chmod -R a+rX "$root"
chmod 000 "$root/etc/nginx/nginx.conf" "$root/etc/redis/redis.conf"
if [ -z "$AS_USER" ] && cat "$root/etc/nginx/nginx.conf" >/dev/null 2>&1; then
	skip "this user reads mode-000 files"
fi

run_cmd $AS_USER "$bin" --root "$root" check --target 500 --role server --pid 4300 \
	--pid 4500 --user alice --format json
expect_rc 3
for id in app.nginx.worker_connections app.redis.maxclients; do
	[ -n "$(layer_field $id 4300 verdict)$(layer_field $id 4500 verdict)" ] ||
		fail "no $id layer"
done
expect_eq "nginx verdict" "$(layer_field app.nginx.worker_connections 4300 verdict)" unknown
expect_eq "redis verdict" "$(layer_field app.redis.maxclients 4500 verdict)" unknown
expect_grep '"id":"app.nginx.worker_connections".*"note":"/etc/nginx/nginx.conf: Permission denied' "$OUT"
expect_grep '"id":"app.redis.maxclients".*"note":"/etc/redis/redis.conf: Permission denied' "$OUT"
# The other layers are read as before.
expect_eq "nofile.soft of nginx" "$(layer_field nofile.soft 4300 verdict)" ok
echo "ok: unreadable configurations are unknown with the reason"
