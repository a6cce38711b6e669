#!/bin/sh
# shellcheck disable=SC2086 # $AS_USER: a command prefix, split on purpose
# An application's configuration that cannot be read, for real: a copy of
# the apps fixture host with files at mode 000, read by an unprivileged
# user (as root the test drops to nobody with setpriv): nginx.conf,
# redis.conf and haproxy.cfg named on the command line, and files reached
# by an include: PostgreSQL's include_dir, MariaDB's !includedir and
# !include. Each layer is unknown with the file and the reason (and the
# include that led there), nothing else breaks, and the check's exit
# status is 3 (unknown).
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
chmod 000 "$root/etc/nginx/nginx.conf" "$root/etc/redis/redis.conf" \
	"$root/etc/haproxy/haproxy.cfg" "$root/etc/postgresql/15/main/conf.d/10-connections.conf" \
	"$root/etc/mysql/mariadb.conf.d/50-server.cnf" "$root/etc/mysql/alt.d/limits.cnf"
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
# The other parsers, a file on the command line or one an include reaches.
run_cmd $AS_USER "$bin" --root "$root" check --target 500 --role server --pid 4400 \
	--pid 4700 --pid 4800 --pid 4810 --user alice --format json
expect_rc 3
for id in app.haproxy.maxconn:4400 app.postgresql.max_connections:4700 \
	app.mysql.max_connections:4800 app.mysql.max_connections:4810; do
	expect_eq "$id verdict" "$(layer_field "${id%:*}" "${id#*:}" verdict)" unknown
done
expect_grep '"id":"app.haproxy.maxconn".*"note":"/etc/haproxy/haproxy.cfg: Permission denied' "$OUT"
expect_grep '"id":"app.postgresql.max_connections".*"note":"/etc/postgresql/15/main/conf.d/10-connections.conf: Permission denied \(include_dir at /etc/postgresql/15/main/postgresql.conf:4\)' "$OUT"
expect_grep '"id":"app.mysql.max_connections".*"pid":4800,.*/etc/mysql/mariadb.conf.d/50-server.cnf: Permission denied \(!includedir at /etc/mysql/my.cnf:6\)' "$OUT"
expect_grep '"id":"app.mysql.max_connections".*"pid":4810,.*"note":"/etc/mysql/alt.d/limits.cnf: Permission denied \(!include at /etc/mysql/alt.cnf:7\)' "$OUT"
echo "ok: unreadable configurations are unknown with the reason"
