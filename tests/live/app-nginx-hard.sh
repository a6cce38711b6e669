#!/bin/sh
# nginx under a short hard limit, live: nginx from Debian's package with
# worker_processes 2 and worker_connections 512 under nofile 1024:1024 and
# without CAP_SYS_RESOURCE (dropped from its bounding set, as in a
# container). 2,000 connections need worker_connections 1280, more than a
# worker's 1,024 fds: worker_rlimit_nofile past the master's hard limit
# fails in the workers (EPERM), so a reload cannot do it. The printed fix
# (the two settings, worker_rlimit_nofile in the main context, then a start
# again under headroom exec) is applied as printed; the new workers have
# the limit, the check passes and wrk with 1200 connections runs clean.
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
NGINX=/usr/sbin/nginx
[ -x "$NGINX" ] || skip "nginx is not installed (nginx-light)"
need_cmd prlimit setpriv wrk
[ "$(id -u)" = 0 ] || skip "nginx's master runs as root here"
setpriv --bounding-set=-sys_resource true 2>/dev/null ||
	skip "cannot drop CAP_SYS_RESOURCE (setpriv --bounding-set)"
need_netns
nocap() { setpriv --bounding-set=-sys_resource -- "$@"; }

d=$TEST_TMP/nginx
port=$(app_port)
mkdir -p "$d" "$TEST_TMP/bin"
ln -s "$HEADROOM" "$TEST_TMP/bin/headroom"
export PATH="$TEST_TMP/bin:/usr/sbin:$PATH"
cat >"$d/nginx.conf" <<CONF
worker_processes 2;
pid $d/nginx.pid;
error_log $d/error.log;
events {
    worker_connections 512;
}
http {
    access_log off;
    client_body_temp_path $d/body;
    proxy_temp_path $d/proxy;
    server {
        listen 127.0.0.1:$port backlog=2048;
        location / { return 200 "ok\n"; }
    }
}
CONF
setpriv --bounding-set=-sys_resource -- prlimit --nofile=1024:1024 "$NGINX" -c "$d/nginx.conf" -g "daemon off;" &
pid=$!
started "$pid"
workers2() { [ "$(children "$1" "nginx: worker process")" = 2 ]; }
wait_until 5 workers2 "$pid" || fail "nginx did not start: $(cat "$d/error.log" 2>/dev/null)"

run_cmd nocap "$HEADROOM" check --pid "$pid" --target 2000 --role server --format json
expect_eq "limit" "$(layer_field app.nginx.worker_connections "$pid" limit)" 1024
fix=$(fix_live app.nginx.worker_connections "$pid")
echo "printed fix: $fix"
expect_eq "fix" "$fix" "set worker_connections 1280; in $d/nginx.conf:5 and worker_rlimit_nofile 1536; in the main context of $d/nginx.conf (outside any block), then start it again under that hard limit: kill -QUIT $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; headroom exec --nofile 1536 -- nginx -c '$d/nginx.conf' -g 'daemon off;'  (its hard limit 1024 and no CAP_SYS_RESOURCE: a reload cannot lift it)"

# What a reload would do: the workers' setrlimit fails, they keep 1,024.
cp "$d/nginx.conf" "$d/nginx.conf.orig"
sed -i '5s/worker_connections 512;/worker_connections 1280;/; 1i worker_rlimit_nofile 1536;' \
	"$d/nginx.conf"
nginx -c "$d/nginx.conf" -s reload
reloaded() { grep -q 'setrlimit(RLIMIT_NOFILE, 1536) failed' "$d/error.log"; }
wait_until 5 reloaded || fail "the reload's workers did not fail setrlimit: $(tail -3 "$d/error.log")"
echo "a reload instead: $(grep -m1 -o 'setrlimit(RLIMIT_NOFILE, 1536) failed.*' "$d/error.log")"
wait_until 5 workers2 "$pid" || fail "old workers linger"
run_cmd nocap "$HEADROOM" check --pid "$pid" --target 2000 --role server --format json
# each worker stops at its 1,024 fds, not 1,280 (and not 1,536)
expect_eq "limit after a reload" "$(layer_field app.nginx.worker_connections "$pid" limit)" 2048
[ "$(layer_field app.nginx.worker_connections "$pid" verdict)" != ok ] ||
	fail "the reload's check is ok: $(layer app.nginx.worker_connections "$pid")"
expect_grep '"id":"app.nginx.worker_connections".*not worker_rlimit_nofile 1536' "$OUT"

# The fix as printed: the settings where it says (done above: line 5 and
# the main context), then its command (it runs nginx in the foreground).
cmd=${fix#*, then start it again under that hard limit: }
cmd=${cmd%%  (its hard limit*}
nocap sh -c "$cmd" >"$TEST_TMP/restart" 2>&1 &
started $!
new=
restarted() {
	gone "$pid" || return 1
	new=$(cat "$d/nginx.pid" 2>/dev/null) && [ -n "$new" ] && [ "$new" != "$pid" ] &&
		workers2 "$new"
}
wait_until 10 restarted || fail "the printed restart did not bring nginx back: $(cat "$TEST_TMP/restart")"
started "$new"
n=0
for w in $(grep -l "^PPid:[[:space:]]*$new\$" /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3); do
	expect_grep '^Max open files +1536 ' "/proc/$w/limits"
	n=$((n + 1))
done
expect_eq "workers with worker_rlimit_nofile" "$n" 2
run_cmd nocap "$HEADROOM" check --pid "$new" --target 2000 --role server --format json
expect_eq "limit after the restart" "$(layer_field app.nginx.worker_connections "$new" limit)" 2560
expect_eq "verdict after the restart" "$(layer_field app.nginx.worker_connections "$new" verdict)" ok
prlimit --nofile=4096:4096 wrk -t2 -c1200 -d2s "http://127.0.0.1:$port/" >"$TEST_TMP/wrk" 2>&1 ||
	fail "wrk failed: $(cat "$TEST_TMP/wrk")"
if grep -q 'Socket errors' "$TEST_TMP/wrk"; then
	fail "wrk -c1200 after the restart: $(grep 'Socket errors' "$TEST_TMP/wrk")"
fi
echo "wrk -c1200 after the restart: $(grep -m1 'Requests/sec' "$TEST_TMP/wrk")"
pass
