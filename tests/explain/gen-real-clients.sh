# tests/explain/gen-real-clients.sh: the client, port-range, runtime and
# kernel sections of gen-real.sh (sourced by it: uses its bg, stop,
# wait_port, record, nginx_conf, haproxy_conf, $W, $GEN_REAL_PY).

ver_curl() { curl -V | awk 'NR==1{print "curl " $2}'; }
ver_ab() { ab -V | awk 'NR==1{print "ab " $5}'; }
ver_h2load() { h2load --version | awk 'NR==1{print "h2load " $2}'; }
ver_wrk() { wrk -v 2>&1 | awk 'NR==1{print "wrk " $2}'; }

# Load tools against nginx out of fds on the client side, a closed port,
# nginx at worker_connections and a listener that never accepts.
sec_clients() {
	local ngx wc sink

	nginx_conf cl 1024 8084
	bg nginx -e "$W/nginx-cl.log" -c "$W/nginx-cl.conf" 2>/dev/null
	ngx=$LASTPID
	nginx_conf cwc 4 8088
	bg nginx -e "$W/nginx-cwc.log" -c "$W/nginx-cwc.conf" 2>/dev/null
	wc=$LASTPID
	wait_port 8084 && wait_port 8088 || return 1

	# The client's own RLIMIT_NOFILE: 32 for 200 connections.
	timeout 20 prlimit --nofile=32:32 ab -c 200 -n 400 http://127.0.0.1:8084/ 2>"$W/ab-nofile.out" >/dev/null
	record nofile.soft "$(ver_ab)" "prlimit --nofile=32:32, -c 200" "$W/ab-nofile.out" 'Too many|socket'
	timeout 20 prlimit --nofile=32:32 h2load --h1 -c 200 -n 400 http://127.0.0.1:8084/ \
		>"$W/h2load-nofile.out" 2>&1
	record nofile.soft "$(ver_h2load)" "prlimit --nofile=32:32, -c 200" "$W/h2load-nofile.out" \
		'could not|Too many'
	record "~nofile.soft" "$(ver_h2load)" "prlimit --nofile=32:32, -c 200 (its summary)" \
		"$W/h2load-nofile.out" 'failed, [1-9][0-9]* errored'

	timeout 20 prlimit --nofile=32:32 wrk -t 1 -c 200 -d 2 http://127.0.0.1:8084/ >"$W/wrk-cnofile.out" 2>&1
	record "~nofile.soft" "$(ver_wrk)" "prlimit --nofile=32:32, -c 200" "$W/wrk-cnofile.out" \
		'Too many|unable|Socket errors|rror'

	# A closed port (9): the server is not there.
	timeout 10 ab -n 1 http://127.0.0.1:9/ 2>"$W/ab-refused.out" >/dev/null
	record app.server-died "$(ver_ab)" "connection refused (port 9 closed)" "$W/ab-refused.out" 'apr_|refused'
	# h2load prints only its summary for a refused connection.
	timeout 10 h2load --h1 -n 1 http://127.0.0.1:9/ >"$W/h2load-refused.out" 2>&1
	record "~app.server-died" "$(ver_h2load)" "connection refused (port 9 closed, its summary)" \
		"$W/h2load-refused.out" 'failed, [1-9][0-9]* errored'
	timeout 10 wrk -t 1 -c 1 -d 1 http://127.0.0.1:9/ >"$W/wrk-refused.out" 2>&1
	record app.server-died "$(ver_wrk)" "connection refused (port 9 closed)" "$W/wrk-refused.out" \
		'unable|refused'
	timeout 10 psql -h 127.0.0.1 -p 9 -U postgres -c 'select 1' >"$W/psql-refused.out" 2>&1
	record app.server-died "psql $(psql -V | awk '{print $3}')" "connection refused (port 9 closed)" \
		"$W/psql-refused.out" 'psql'
	record "~app.server-died" "psql $(psql -V | awk '{print $3}')" \
		"connection refused (port 9 closed, its hint line)" "$W/psql-refused.out" 'Is the server'
	timeout 10 redis-cli -p 9 ping >"$W/redis-refused.out" 2>&1
	record app.server-died "redis-cli $(redis-cli -v | awk '{print $2}')" \
		"connection refused (port 9 closed)" "$W/redis-refused.out" 'Could not'
	timeout 10 curl -sS -o /dev/null http://127.0.0.1:9/ 2>"$W/curl-refused.out"
	record "~app.server-died" "$(ver_curl)" "connection refused (port 9 closed)" \
		"$W/curl-refused.out" 'curl'

	# nginx at worker_connections 4, 100 clients at once.
	timeout 20 ab -c 100 -n 2000 http://127.0.0.1:8088/ 2>"$W/ab-wc.out" >/dev/null
	record "~app.nginx.worker_connections" "$(ver_ab)" "nginx at worker_connections 4, -c 100" \
		"$W/ab-wc.out" 'apr_|rror'
	timeout 20 h2load --h1 -c 100 -n 2000 http://127.0.0.1:8088/ >"$W/h2load-wc.out" 2>&1
	record "~app.nginx.worker_connections" "$(ver_h2load)" "nginx at worker_connections 4, -c 100" \
		"$W/h2load-wc.out" 'could not|rror|failed, [1-9][0-9]* errored'

	# A listener with backlog 0 that never accepts: its accept queue is
	# full after the first connections.
	bg python3 "$GEN_REAL_PY" sink 8089 0 60
	sink=$LASTPID
	wait_port 8089 || return 1
	bg timeout 55 python3 "$GEN_REAL_PY" hold 127.0.0.1 8089 2 50 >/dev/null
	wait_conns 8089 1 || return 1
	timeout 10 curl -sS --connect-timeout 2 -o /dev/null http://127.0.0.1:8089/ 2>"$W/curl-sink.out"
	timeout 10 curl -sS -m 2 -o /dev/null http://127.0.0.1:8089/ 2>>"$W/curl-sink.out"
	record backlog.somaxconn "$(ver_curl)" "listen backlog 0, never accepted, queue full" \
		"$W/curl-sink.out" 'curl'
	timeout 10 ab -s 2 -n 1 http://127.0.0.1:8089/ 2>"$W/ab-sink.out" >/dev/null
	record backlog.somaxconn "$(ver_ab)" "listen backlog 0, never accepted, queue full" \
		"$W/ab-sink.out" 'apr_|rror'
	# (h2load and wrk print nothing of it: their connections are accepted
	# by the kernel and wait quietly.)
	stop "$LASTPID"
	stop "$sink"
	stop "$wc"
	stop "$ngx"
}

# A Java client opening connections until it fails (the exception uncaught).
java_client() {
	cat >"$W/Conn.java" <<'JEOF'
import java.net.Socket;
import java.util.ArrayList;
public class Conn {
	public static void main(String[] a) throws Exception {
		ArrayList<Socket> kept = new ArrayList<>();
		for (int i = 0; i < Integer.parseInt(a[1]); i++)
			kept.add(new Socket("127.0.0.1", Integer.parseInt(a[0])));
	}
}
JEOF
}

# A Node client opening connections until one fails (the error uncaught).
NODE_CLIENT='const net = require("net"); const kept = [];
for (let i = 0; i < +process.argv[2]; i++) kept.push(net.connect(+process.argv[1], "127.0.0.1"));
setTimeout(() => process.exit(0), 3000);'

# The namespace's ephemeral port range cut to 10 ports, all held by
# connections to one listener; then every client connects to it again.
sec_ports() {
	local hold holder ngx hap v
	sysctl -qw net.ipv4.ip_local_port_range="40000 40009" net.ipv4.tcp_tw_reuse=0 || return 1
	bg python3 "$GEN_REAL_PY" holder 8085 120
	holder=$LASTPID
	wait_port 8085 || return 1
	# nginx and HAProxy proxying to it, reached from a fixed source port.
	nginx_conf px 1024 8086
	sed -i 's|location / { return 200 "ok\\n"; }|location / { proxy_pass http://127.0.0.1:8085; }|' \
		"$W/nginx-px.conf"
	bg nginx -e "$W/nginx-px.log" -c "$W/nginx-px.conf" 2>/dev/null
	ngx=$LASTPID
	haproxy_conf px 100 8087 127.0.0.1:8085 ""
	sed -i 's/ check inter 300 fall 1//' "$W/haproxy-px.cfg"
	bg haproxy -db -f "$W/haproxy-px.cfg" >"$W/haproxy-px.out" 2>&1
	hap=$LASTPID
	wait_port 8086 && wait_port 8087 || return 1
	bg timeout 110 python3 "$GEN_REAL_PY" hold 127.0.0.1 8085 10 100 >/dev/null
	hold=$LASTPID
	wait_conns 8085 10 || return 1

	v="ports 40000-40009 all in use"
	timeout 5 curl -sS -o /dev/null http://127.0.0.1:8085/ 2>"$W/p-curl.out"
	record "~ports.ephemeral" "$(ver_curl)" "$v" "$W/p-curl.out" curl
	timeout 5 ab -n 1 http://127.0.0.1:8085/ 2>"$W/p-ab.out" >/dev/null
	record ports.ephemeral "$(ver_ab)" "$v" "$W/p-ab.out" 'apr_|rror'
	timeout 5 h2load --h1 -n 1 http://127.0.0.1:8085/ >"$W/p-h2load.out" 2>&1
	record "~ports.ephemeral" "$(ver_h2load)" "$v" "$W/p-h2load.out" 'could not|errored'
	timeout 5 wrk -t 1 -c 2 -d 1 http://127.0.0.1:8085/ >"$W/p-wrk.out" 2>&1
	record ports.ephemeral "$(ver_wrk)" "$v" "$W/p-wrk.out" 'unable|Socket errors'
	timeout 5 redis-cli -p 8085 ping >"$W/p-redis.out" 2>&1
	record ports.ephemeral "redis-cli $(redis-cli -v | awk '{print $2}')" "$v" "$W/p-redis.out" 'Could not'
	timeout 5 psql -h 127.0.0.1 -p 8085 -U postgres -c 'select 1' >"$W/p-psql.out" 2>&1
	record ports.ephemeral "psql $(psql -V | awk '{print $3}')" "$v" "$W/p-psql.out" 'psql|failed'
	record "~ports.ephemeral" "psql $(psql -V | awk '{print $3}')" "$v (its hint line)" \
		"$W/p-psql.out" 'Is the server'
	timeout 20 python3 "$GEN_REAL_PY" connect 127.0.0.1 8085 5 2>"$W/p-py.out"
	record ports.ephemeral "$(python3 -V)" "$v (connect)" "$W/p-py.out" 'Error'
	timeout 20 python3 "$GEN_REAL_PY" bind0 5 2>"$W/p-pybind.out"
	record "~ports.ephemeral" "$(python3 -V)" "$v (bind to port 0)" "$W/p-pybind.out" 'Error'
	timeout 20 node -e "$NODE_CLIENT" 8085 3 2>"$W/p-node.out"
	record ports.ephemeral "node $(node -v)" "$v" "$W/p-node.out" '^[A-Za-z].*(Error|EADDR)'
	java_client
	timeout 60 java "$W/Conn.java" 8085 3 2>"$W/p-java.out"
	record ports.ephemeral "java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}')" "$v" \
		"$W/p-java.out" 'Exception'
	timeout 5 curl -sS --local-port 30000-30010 -o /dev/null http://127.0.0.1:8086/ 2>/dev/null
	record ports.ephemeral "$(ver_nginx)" "$v (proxy_pass to it)" "$W/nginx-px.log" 'connect\(\)'
	timeout 5 curl -sS --local-port 30000-30010 -o /dev/null http://127.0.0.1:8087/ 2>/dev/null
	sleep 0.5
	record ports.ephemeral "$(ver_haproxy)" "$v (a backend on it)" "$W/haproxy-px.out" \
		'free ports|Connect|connect'
	stop "$hold"
	stop "$hap"
	stop "$ngx"
	stop "$holder"
	sysctl -qw net.ipv4.ip_local_port_range="32768 60999" net.ipv4.tcp_tw_reuse=2
}

# Runtimes out of file descriptors (their own RLIMIT_NOFILE made small).
sec_runtimes() {
	local holder py
	bg python3 "$GEN_REAL_PY" holder 8092 120
	holder=$LASTPID
	wait_port 8092 || return 1
	timeout 20 prlimit --nofile=16:16 python3 "$GEN_REAL_PY" connect 127.0.0.1 8092 50 2>"$W/r-py.out"
	record nofile.soft "$(python3 -V)" "prlimit --nofile=16:16, socket()" "$W/r-py.out" 'Error'
	timeout 20 prlimit --nofile=32:32 node -e "$NODE_CLIENT" 8092 60 2>"$W/r-node.out"
	record nofile.hard "node $(node -v)" "prlimit --nofile=32:32 (node raises its soft limit to the hard one), net.connect" "$W/r-node.out" '^[A-Za-z].*(Error|EMFILE)'
	java_client
	timeout 60 prlimit --nofile=128:128 java "$W/Conn.java" 8092 200 2>"$W/r-java.out"
	record nofile.hard "java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}')" \
		"prlimit --nofile=128:128 (HotSpot raises its soft limit to the hard one, MaxFDLimit), new Socket()" "$W/r-java.out" 'Exception|rror'
	# An asyncio server at 16 fds with 40 clients: its accept loop logs.
	bg prlimit --nofile=16:16 python3 "$GEN_REAL_PY" asyncio 8093 15 2>"$W/r-asyncio.out"
	py=$LASTPID
	wait_port 8093 || return 1
	timeout 20 python3 "$GEN_REAL_PY" hold 127.0.0.1 8093 40 2 >/dev/null 2>&1
	stop "$py"
	record nofile.soft "$(python3 -V) asyncio" "prlimit --nofile=16:16, start_server, 40 clients" \
		"$W/r-asyncio.out" 'accept\(\) out|^[A-Za-z]*Error' 4
	stop "$holder"
}

# The kernel's own lines: a listener whose handshakes never complete (an
# nft rule in the namespace drops the client's final ACK) under a burst of
# connections warns of SYN flooding, once per listener, in the host's log:
# "Sending cookies" with tcp_syncookies 1, "Dropping request" with 0.
sec_kernel() {
	local before sink port
	before=$(dmesg 2>/dev/null | wc -l)
	nft add table inet genreal &&
		nft add chain inet genreal in '{ type filter hook input priority 0; }' &&
		nft add rule inet genreal in tcp dport '{ 8094, 8095 }' 'tcp flags & (syn|ack) == ack' drop ||
		return 1
	for port in 8094 8095; do
		[ "$port" = 8095 ] && sysctl -qw net.ipv4.tcp_syncookies=0
		bg python3 "$GEN_REAL_PY" sink "$port" 4 10
		sink=$LASTPID
		wait_port "$port" || return 1
		timeout 10 python3 "$GEN_REAL_PY" burst 127.0.0.1 "$port" 20 1
		stop "$sink"
	done
	sysctl -qw net.ipv4.tcp_syncookies=1
	nft delete table inet genreal
	dmesg 2>/dev/null | tail -n +"$((before + 1))" | grep -E ':809[45]\.' >"$W/k.out"
	record backlog.syn "kernel $(uname -r)" "SYN_RECV never completed, listen backlog 4, 20 connects at once" \
		"$W/k.out" 'SYN'
}

# A Java client connecting once with a 2 s timeout (the exception uncaught).
java_timeout() {
	cat >"$W/Tmo.java" <<'JEOF'
import java.net.InetSocketAddress;
import java.net.Socket;
public class Tmo {
	public static void main(String[] a) throws Exception {
		new Socket().connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(a[0])), 2000);
	}
}
JEOF
}

# Connect timeouts: a listener with backlog 0 that never accepts, its
# accept queue full, so the kernel drops every new SYN (ListenOverflows).
sec_timeouts() {
	local sink hold ngx hap v="listen backlog 0, never accepted, accept queue full"
	bg python3 "$GEN_REAL_PY" sink 8096 0 120
	sink=$LASTPID
	wait_port 8096 || return 1
	bg timeout 115 python3 "$GEN_REAL_PY" hold 127.0.0.1 8096 2 110 >/dev/null
	hold=$LASTPID
	wait_conns 8096 1 || return 1
	nginx_conf tmo 1024 8097
	sed -i 's|location / { return 200 "ok\\n"; }|location / { proxy_pass http://127.0.0.1:8096; proxy_connect_timeout 1s; }|' \
		"$W/nginx-tmo.conf"
	bg nginx -e "$W/nginx-tmo.log" -c "$W/nginx-tmo.conf" 2>/dev/null
	ngx=$LASTPID
	haproxy_conf tmo 100 8098 127.0.0.1:8096 ""
	bg haproxy -db -f "$W/haproxy-tmo.cfg" >"$W/haproxy-tmo.out" 2>&1
	hap=$LASTPID
	wait_port 8097 && wait_port 8098 || return 1

	timeout 20 python3 "$GEN_REAL_PY" timeout 127.0.0.1 8096 2 2>"$W/t-py.out"
	record backlog.somaxconn "$(python3 -V)" "$v (create_connection, timeout 2)" "$W/t-py.out" \
		'^[A-Za-z.]*(Error|timeout)'
	java_timeout
	timeout 60 java "$W/Tmo.java" 8096 2>"$W/t-java.out"
	record backlog.somaxconn "java $(java -version 2>&1 | awk -F'"' 'NR==1{print $2}')" \
		"$v (connect timeout 2000)" "$W/t-java.out" 'Exception'
	PGCONNECT_TIMEOUT=2 timeout 20 psql -h 127.0.0.1 -p 8096 -U postgres -c 'select 1' \
		>"$W/t-psql.out" 2>&1
	record backlog.somaxconn "psql $(psql -V | awk '{print $3}')" "$v (PGCONNECT_TIMEOUT=2)" \
		"$W/t-psql.out" 'psql|timeout'
	timeout 20 curl -sS -o /dev/null http://127.0.0.1:8097/ 2>/dev/null
	record backlog.somaxconn "$(ver_nginx)" "$v (proxy_pass to it, proxy_connect_timeout 1s)" \
		"$W/nginx-tmo.log" 'timed out'
	sleep 2
	record backlog.somaxconn "$(ver_haproxy)" "$v (a backend on it, checked)" \
		"$W/haproxy-tmo.out" 'is DOWN'
	stop "$hap"
	stop "$ngx"
	stop "$hold"
	stop "$sink"
}
