#!/bin/sh
# nginx's own cap, live: nginx from Debian's package with worker_processes
# 2 and worker_connections 512 under nofile 4096 in a private network
# namespace. check --pid finds 2 x 512 = 1024, below a target of 2000;
# wrk with 1200 connections gets errors; top --pid shows the same cap; the
# printed fix (edit the line it names, then the reload it prints) makes the
# next check pass and the same wrk run error-free.
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
NGINX=/usr/sbin/nginx
[ -x "$NGINX" ] || skip "nginx is not installed (nginx-light)"
need_cmd prlimit
need_cmd wrk
[ "$(id -u)" = 0 ] || skip "nginx's master needs root to set worker_rlimit_nofile"
need_netns

d=$TEST_TMP/nginx
port=$(app_port)
mkdir -p "$d/conf.d"
cat >"$d/nginx.conf" <<CONF
# a test server
worker_processes 2;
pid $d/nginx.pid;
error_log $d/error.log;
events {
    worker_connections 512;   # per worker
}
http {
    access_log off;
    client_body_temp_path $d/body;
    proxy_temp_path $d/proxy;
    include conf.d/*.conf;
}
CONF
cat >"$d/conf.d/site.conf" <<CONF
server {
    listen 127.0.0.1:$port backlog=1024;
    location / { return 200 "ok\n"; }
}
CONF
prlimit --nofile=4096:4096 "$NGINX" -c "$d/nginx.conf" -g "daemon off;" &
pid=$!
started "$pid"
workers2() { [ "$(children "$pid" "nginx: worker process")" = 2 ]; }
wait_until 5 workers2 || fail "nginx did not start: $(cat "$d/error.log" 2>/dev/null)"

run check --pid "$pid" --target 2000 --role server --format json
expect_eq "limit" "$(layer_field app.nginx.worker_connections "$pid" limit)" 1024
expect_eq "verdict" "$(layer_field app.nginx.worker_connections "$pid" verdict)" fail
expect_eq "bottleneck" "$(top_field bottleneck)" app.nginx.worker_connections
# top watches it too: the same cap in its frame.
run top --batch --iterations 1 --interval 0.1 --target 2000 --role server --pid "$pid"
expect_rc 2
expect_grep '^app\.nginx\.worker_co +\[=+> +-/1024 +2000 +fail$' "$OUT"
run check --pid "$pid" --target 2000 --role server --format json
fix=$(fix_live app.nginx.worker_connections "$pid")
echo "printed fix: $fix"
case "$fix" in
"set worker_connections 1280; in $d/nginx.conf:6, then nginx -c $d/nginx.conf -s reload (or kill -HUP $pid)") ;;
*) fail "unexpected fix: $fix" ;;
esac

# A real client: 1200 connections do not fit in 2 x 512.
wrk_errors() {
	prlimit --nofile=4096:4096 wrk -t2 -c1200 -d2s "http://127.0.0.1:$port/" >"$TEST_TMP/wrk" 2>&1 ||
		fail "wrk failed: $(cat "$TEST_TMP/wrk")"
	sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' \
		"$TEST_TMP/wrk" | awk '{ print $1 + $2 + $3 + $4 } END { if (NR == 0) print 0 }' | tail -n 1
}
before=$(wrk_errors)
echo "wrk -c1200 before the fix: $before socket errors"
[ "$before" -gt 0 ] || fail "wrk saw no errors before the fix: $(cat "$TEST_TMP/wrk")"
# (nginx closes idle keep-alive connections to make room: wrk sees them as
# read errors, and nothing is logged.)

# Apply the fix as printed: the setting on the line it names, then its command.
value=$(echo "$fix" | sed -n 's/^set worker_connections \([0-9]*\);.*/\1/p')
line=$(echo "$fix" | sed -n 's/.* in [^ ]*:\([0-9]*\), then .*/\1/p')
sed -i "${line}s/worker_connections [0-9]*;/worker_connections $value;/" "$d/nginx.conf"
cmd=$(echo "$fix" | sed -n 's/.*, then \(nginx .* -s reload\) (or kill.*/\1/p')
PATH=/usr/sbin:$PATH $cmd || fail "the printed reload failed: $cmd"
ok_after() {
	run check --pid "$pid" --target 2000 --role server --format json
	[ "$(layer_field app.nginx.worker_connections "$pid" verdict)" = ok ]
}
wait_until 5 ok_after || fail "check still fails after the reload: $(layer app.nginx.worker_connections "$pid")"
expect_eq "limit after" "$(layer_field app.nginx.worker_connections "$pid" limit)" 2560
wait_until 5 workers2 || fail "old workers linger"
after=$(wrk_errors)
echo "wrk -c1200 after the fix: $after socket errors"
expect_eq "wrk socket errors after the fix" "$after" 0
echo "ok: nginx's cap found, its printed fix applied, wrk clean"
