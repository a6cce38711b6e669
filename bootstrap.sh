#!/bin/sh
# bootstrap.sh: install the build and test dependencies from Debian
# packages when they are missing, then autoreconf, configure and make.
# Extra arguments go to ./configure.
set -eu

PKGS="autoconf automake libtool pkg-config make gcc libcap-dev libmnl-dev \
libncurses-dev libcmocka-dev tmux iproute2 mandoc util-linux procps"
# Real servers for the live tests of the application layers (tests/live/
# app-*.sh) and real clients to load them. The tests run their own
# instances in private network namespaces; the packaged services are not
# used. MariaDB comes as its -core packages (mariadbd, mariadb-install-db
# and the client, about 8 MB to fetch, no service): mariadb-server would
# pull in Galera and Perl and start a server.
PKGS="$PKGS nginx-light redis-server redis-tools haproxy memcached postgresql \
mariadb-server-core mariadb-client-core wrk apache2-utils"
# nftables: the router namespace of tests/verify/across-router.sh drops new
# flows once conntrack tracks N (a full conntrack table, stood in for).
PKGS="$PKGS nftables"

# Test tools of the monitoring formats and the JSON contract (issue 12):
# promtool (from prometheus) checks the textfile format, python3-jsonschema
# validates every JSON output against schema/*.schema.json.
PKGS="$PKGS prometheus python3-jsonschema"
# systemd-analyze (package systemd) verifies the node_exporter textfile
# service and timer (tests/cli/systemd-units.sh); a slim container image
# may lack it. Installed for the tool only: nothing is started.
PKGS="$PKGS systemd"
# The shells whose completions tests/completion drives (bash is there).
# The Debian package stage of .ci/run installs debhelper and lintian
# (mk/package.sh), its Ansible stage ansible-core, when they are missing.
PKGS="$PKGS zsh fish"
# Runtimes that raise their own soft nofile limit at start-up (Go >= 1.19,
# Node.js): tests/live/go-runtime.sh and node-runtime.sh run real ones
# (Debian 12's golang-go is Go 1.19: about 60 MB to fetch).
PKGS="$PKGS golang-go nodejs"
# h2load and curl: load tools whose real error lines tests/explain/gen-real.sh
# collects (run by hand) into tests/explain/real-lines.txt.
PKGS="$PKGS nghttp2-client curl"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
	for p in $PKGS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
fi
if [ -n "$missing" ]; then
	echo "bootstrap: installing:$missing"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

cd "$(dirname "$0")"
autoreconf -fi
./configure "$@"
make -j"$(nproc 2>/dev/null || echo 2)"
