# tests/explain/gen-real-servers.sh: the server sections of gen-real.sh
# (sourced by it: uses its bg, stop, wait_port, record, $W).

# An nginx configuration in $W/nginx-NAME.conf: one worker, the given
# worker_connections, listening on PORT, answering "ok".
nginx_conf() {
	local name=$1 wc=$2 port=$3
	mkdir -p "$W/nginx-$name"
	cat >"$W/nginx-$name.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
user root;
pid $W/nginx-$name.pid;
error_log $W/nginx-$name.log info;
events { worker_connections $wc; multi_accept on; }
http {
	access_log off;
	client_body_temp_path $W/nginx-$name;
	proxy_temp_path $W/nginx-$name;
	fastcgi_temp_path $W/nginx-$name;
	uwsgi_temp_path $W/nginx-$name;
	scgi_temp_path $W/nginx-$name;
	server { listen 127.0.0.1:$port; location / { return 200 "ok\n"; } }
}
EOF
}

sec_nginx() {
	local v p
	v=$(ver_nginx)

	# worker_connections 16 under 200 connections from wrk.
	nginx_conf wc 16 8081
	bg nginx -e "$W/nginx-wc.log" -c "$W/nginx-wc.conf" 2>"$W/nginx-wc.err"
	p=$LASTPID
	wait_port 8081 &&
		timeout 20 wrk -t 2 -c 200 -d 3 http://127.0.0.1:8081/ >"$W/wrk-wc.out" 2>&1
	stop "$p"
	record app.nginx.worker_connections "$v" "worker_connections 16, wrk -c 200" \
		"$W/nginx-wc.log" 'worker_connections are not enough'
	record "~app.nginx.worker_connections" "wrk $(wrk -v 2>&1 | awk 'NR==1{print $2}')" \
		"against nginx at worker_connections 16, -c 200" "$W/wrk-wc.out" 'Socket errors|Non-2xx'

	# RLIMIT_NOFILE 32 with worker_connections 1024, under 200 connections.
	nginx_conf nofile 1024 8082
	bg prlimit --nofile=32:32 nginx -e "$W/nginx-nofile.log" -c "$W/nginx-nofile.conf" \
		2>"$W/nginx-nofile.err"
	p=$LASTPID
	wait_port 8082 &&
		timeout 20 wrk -t 2 -c 200 -d 3 http://127.0.0.1:8082/ >"$W/wrk-nofile.out" 2>&1
	stop "$p"
	record nofile.soft "$v" "prlimit --nofile=32:32, worker_connections 1024 (start-up)" \
		"$W/nginx-nofile.err" 'exceed open file resource limit'
	record nofile.soft "$v" "prlimit --nofile=32:32, worker_connections 1024 (error_log)" \
		"$W/nginx-nofile.log" 'exceed open file resource limit|Too many open files'
	record "~nofile.soft" "wrk $(wrk -v 2>&1 | awk 'NR==1{print $2}')" "against nginx at 32 fds, -c 200" "$W/wrk-nofile.out" \
		'Socket errors|Non-2xx'

	# The port is taken: a second nginx on 8081 while the first holds it.
	nginx_conf bind 16 8083
	bg nginx -e "$W/nginx-bind.log" -c "$W/nginx-bind.conf" 2>/dev/null
	p=$LASTPID
	wait_port 8083
	sed -e "s|nginx-bind.pid|nginx-bind2.pid|" "$W/nginx-bind.conf" >"$W/nginx-bind2.conf"
	timeout 10 nginx -e "$W/nginx-bind2.log" -c "$W/nginx-bind2.conf" 2>"$W/nginx-bind2.err"
	stop "$p"
	record app.port-in-use "$v" "a second nginx on a port in use (stderr)" \
		"$W/nginx-bind2.err" 'bind|could not'
}

sec_redis() {
	local v p i held=()
	v=$(ver_redis)

	# maxclients 4, 20 clients from redis-benchmark and redis-cli.
	bg redis-server --port 6380 --bind 127.0.0.1 --maxclients 4 --save '' \
		--appendonly no --dir "$W" --logfile "$W/redis-mc.log"
	p=$LASTPID
	wait_port 6380
	timeout 20 redis-benchmark -p 6380 -c 20 -n 200 -t ping >"$W/rb-mc.out" 2>&1
	for i in 1 2 3 4; do
		timeout 6 redis-cli -p 6380 blpop nokey 3 >/dev/null 2>&1 &
		held+=($!)
	done
	sleep 0.5
	timeout 5 redis-cli -p 6380 ping >"$W/rc-mc.out" 2>&1
	timeout 5 redis-cli -p 6380 set k v >>"$W/rc-mc.out" 2>&1
	wait "${held[@]}"
	stop "$p"
	record app.redis.maxclients "redis-cli $(redis-cli -v | awk '{print $2}')" \
		"maxclients 4, 4 clients held" "$W/rc-mc.out" 'max number'
	record app.redis.maxclients "redis-benchmark" "maxclients 4, -c 20" "$W/rb-mc.out" \
		'max number|rror'

	# RLIMIT_NOFILE 64 at start with the default maxclients 10000, in a
	# namespace whose somaxconn (128) is under redis's tcp-backlog (511).
	sysctl -qw net.core.somaxconn=128
	bg prlimit --nofile=64:64 redis-server --port 6381 --bind 127.0.0.1 --save '' \
		--appendonly no --dir "$W" --logfile "$W/redis-nofile.log"
	p=$LASTPID
	wait_port 6381
	stop "$p"
	sysctl -qw net.core.somaxconn=4096
	record nofile.hard "$v" "prlimit --nofile=64:64 at start, maxclients 10000" \
		"$W/redis-nofile.log" 'maxclients|max open files|maximum open files|max number of files' 5
	record backlog.somaxconn "$v" "net.core.somaxconn 128 under tcp-backlog 511" \
		"$W/redis-nofile.log" 'TCP backlog'
}

haproxy_conf() {
	local name=$1 maxconn=$2 port=$3 server=$4
	cat >"$W/haproxy-$name.cfg" <<EOF
global
	maxconn $maxconn
	log stdout format raw local0 info
	$5
defaults
	mode http
	log global
	option httplog
	timeout connect 1s
	timeout client 5s
	timeout server 5s
frontend fe
	bind 127.0.0.1:$port
	default_backend be
backend be
	server s1 $server check inter 300 fall 1
EOF
}

sec_haproxy() {
	local v p
	v=$(ver_haproxy)

	# ulimit-n 64 for maxconn 4000: strict-limits (2.6's default) refuses
	# to start, "no strict-limits" starts with a warning.
	haproxy_conf strict 4000 8090 127.0.0.1:9 ""
	timeout 5 prlimit --nofile=64:64 haproxy -db -f "$W/haproxy-strict.cfg" >"$W/haproxy-strict.out" 2>&1
	record nofile.hard "$v" "prlimit --nofile=64:64, maxconn 4000 (strict-limits)" \
		"$W/haproxy-strict.out" 'FD limit|ulimit'
	haproxy_conf loose 4000 8090 127.0.0.1:9 "no strict-limits"
	bg prlimit --nofile=64:64 haproxy -db -f "$W/haproxy-loose.cfg" >"$W/haproxy-loose.out" 2>&1
	p=$LASTPID
	wait_port 8090
	sleep 1
	stop "$p"
	record nofile.hard "$v" "prlimit --nofile=64:64, maxconn 4000 (no strict-limits)" \
		"$W/haproxy-loose.out" 'FD limit|ulimit'
	# The backend is down (port 9 is closed): the check's lines, on stderr
	# and through "log stdout".
	record app.server-died "$v" "the only backend server is down (port 9 closed)" \
		"$W/haproxy-loose.out" 'is DOWN|no server available' 4

	# global maxconn 5 with 20 idle clients held: haproxy stops accepting
	# and logs nothing; a client waits.
	haproxy_conf maxconn 5 8091 127.0.0.1:9 ""
	sed -i 's/timeout client 5s/timeout client 60s/' "$W/haproxy-maxconn.cfg"
	bg haproxy -db -f "$W/haproxy-maxconn.cfg" >"$W/haproxy-maxconn.out" 2>&1
	p=$LASTPID
	wait_port 8091
	bg timeout 60 python3 "$GEN_REAL_PY" hold 127.0.0.1 8091 8 50 >/dev/null
	wait_conns 8091 6 && sleep 1
	timeout 5 curl -sS -m 2 -o /dev/null http://127.0.0.1:8091/ 2>"$W/curl-maxconn.out"
	stop "$LASTPID"
	stop "$p"
	record "~app.haproxy.maxconn" "curl $(curl -V | awk 'NR==1{print $2}')" \
		"haproxy at global maxconn 5 (20 clients held)" "$W/curl-maxconn.out" 'curl'
}

sec_memcached() {
	local v p
	v=$(ver_memcached)

	# -c 24 with 40 clients (-c 10 would not even start its threads).
	# With -vv its stderr says nothing about it (maxconns_fast).
	bg memcached -u nobody -l 127.0.0.1 -p 11212 -U 0 -c 24 -t 1 -vv 2>"$W/mc.err"
	p=$LASTPID
	wait_port 11212
	timeout 60 python3 -u "$GEN_REAL_PY" memcache 127.0.0.1 11212 40 >"$W/mc-client.out" 2>&1
	stop "$p"
	record app.memcached.maxconns "$v" "-c 24, 40 clients (the reply a client reads)" \
		"$W/mc-client.out" 'Too many'

	# -c 4096 under prlimit --nofile=64:64.
	timeout 5 prlimit --nofile=64:64 memcached -u nobody -l 127.0.0.1 -p 11213 -U 0 -c 4096 \
		>"$W/mc-nofile.err" 2>&1
	record nofile.hard "$v" "prlimit --nofile=64:64, -c 4096" "$W/mc-nofile.err" 'rlimit|open files'
}

sec_postgresql() {
	local v p bin i held=()
	bin=$(dirname "$(readlink -f "$(command -v postgres || ls /usr/lib/postgresql/*/bin/postgres)")")
	v=$(ver_pg)
	mkdir "$W/pg" "$W/pgsock" && chown postgres: "$W/pg" "$W/pgsock"
	setpriv --reuid=postgres --regid=postgres --init-groups "$bin/initdb" -D "$W/pg" -A trust \
		-U postgres >/dev/null 2>&1 || {
		echo "gen-real: initdb failed" >&2
		return 1
	}
	# max_connections 4, 2 of them reserved for superusers.
	bg setpriv --reuid=postgres --regid=postgres --init-groups "$bin/postgres" -D "$W/pg" \
		-c max_connections=4 -c superuser_reserved_connections=2 -c listen_addresses=127.0.0.1 \
		-c port=5433 -c unix_socket_directories="$W/pgsock" -c logging_collector=off 2>"$W/pg.log"
	p=$LASTPID
	wait_port 5433 && sleep 0.5
	psql -h 127.0.0.1 -p 5433 -U postgres -c 'create role app login' >/dev/null 2>&1
	for i in 1 2; do
		timeout 12 psql -h 127.0.0.1 -p 5433 -U app -d postgres -c 'select pg_sleep(6)' \
			>/dev/null 2>&1 &
		held+=($!)
	done
	sleep 1
	timeout 5 psql -h 127.0.0.1 -p 5433 -U app -d postgres -c 'select 1' >"$W/psql-rsv.out" 2>&1
	for i in 1 2; do
		timeout 12 psql -h 127.0.0.1 -p 5433 -U postgres -c 'select pg_sleep(6)' \
			>/dev/null 2>&1 &
		held+=($!)
	done
	sleep 1
	timeout 5 psql -h 127.0.0.1 -p 5433 -U postgres -c 'select 1' >"$W/psql-full.out" 2>&1
	timeout 5 psql -h "$W/pgsock" -p 5433 -U postgres -c 'select 1' >>"$W/psql-full.out" 2>&1
	wait "${held[@]}"
	stop "$p"
	record app.postgresql.max_connections "psql ($v)" "max_connections 4, 2 reserved, as role app" \
		"$W/psql-rsv.out" 'FATAL|reserved'
	record app.postgresql.max_connections "psql ($v)" "max_connections 4, all 4 in use" \
		"$W/psql-full.out" 'FATAL|too many'
	record app.postgresql.max_connections "$v" "max_connections 4 (the server's log)" \
		"$W/pg.log" 'FATAL'
}

# Each server started a second time on the port its first instance holds.
sec_bind() {
	local p
	bg redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --dir "$W" \
		--logfile "$W/redis-b1.log"
	p=$LASTPID
	wait_port 6390 || return 1
	timeout 10 redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --dir "$W" \
		--logfile "$W/redis-b2.log"
	stop "$p"
	record app.port-in-use "$(ver_redis)" "a second redis-server on a port in use" \
		"$W/redis-b2.log" 'listening|bind'

	bg memcached -u nobody -l 127.0.0.1 -p 11290 -U 0
	p=$LASTPID
	wait_port 11290 || return 1
	timeout 10 memcached -u nobody -l 127.0.0.1 -p 11290 -U 0 >"$W/mc-b2.out" 2>&1
	stop "$p"
	record app.port-in-use "$(ver_memcached)" "a second memcached on a port in use" \
		"$W/mc-b2.out" 'listen|bind|in use'

	# (HAProxy binds with SO_REUSEPORT: a second one starts without a word.)
	bg python3 -m http.server --bind 127.0.0.1 8099 >/dev/null 2>&1
	p=$LASTPID
	wait_port 8099 || return 1
	timeout 10 python3 -m http.server --bind 127.0.0.1 8099 >"$W/py-b2.out" 2>&1
	timeout 10 node -e 'require("http").createServer().listen(8099, "127.0.0.1")' \
		>"$W/node-b2.out" 2>&1
	stop "$p"
	record app.port-in-use "$(python3 -V) http.server" "a port in use" "$W/py-b2.out" '^[A-Za-z]*Error'
	record app.port-in-use "node $(node -v) http" "a port in use" "$W/node-b2.out" \
		'^[A-Za-z].*EADDRINUSE'
}
