#!/usr/bin/env python3
"""Write the seed inputs of the fuzz harnesses that read several files at
once (tests/fuzz/corpus/NAME/): their parts joined with NUL bytes, as
tests/fuzz/fuzz.h splits them, made from the fixtures so each seed starts
from something real. Single-file seeds are taken from the fixtures where
they are (tests/fuzz/seeds). Run from anywhere; rewrites the directory.
The journal seeds need the built tool: HEADROOM=src/headroom (default).
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(TOP, "tests", "fixtures")
OUT = os.path.join(HERE, "corpus")


def read(*path):
    with open(os.path.join(FIX, *path), "rb") as f:
        return f.read()


def seed(name, label, *parts):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    data = b"\0".join(p if isinstance(p, bytes) else p.encode() for p in parts)
    with open(os.path.join(d, label), "wb") as f:
        f.write(data)


def hosts():
    return sorted(h for h in os.listdir(os.path.join(FIX, "hosts")))


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for h in hosts():
        etc = os.path.join(FIX, "hosts", h, "etc")
        if os.path.exists(os.path.join(etc, "passwd")):
            seed("passwd", h, read("hosts", h, "etc", "passwd"), read("hosts", h, "etc", "group"),
                 read("hosts", h, "etc", "security", "limits.conf"))
        ld = os.path.join(etc, "security", "limits.d")
        parts = [read("hosts", h, "etc", "security", "limits.conf")] if os.path.exists(
            os.path.join(etc, "security", "limits.conf")) else []
        if os.path.isdir(ld):
            parts += [read("hosts", h, "etc", "security", "limits.d", f) for f in sorted(os.listdir(ld))]
        if parts:
            parts.append(read("hosts", h, "etc", "pam.d", "common-session"))
            seed("limitsconf", h, *parts)
    seed("passwd", "group-members",
         "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/sh\n",
         "root:x:0:\nalice:x:1000:\nloadtest:x:1001:alice,bob\n",
         "@loadtest hard nofile 50000\nalice soft nofile 4096\n* - nproc 100\n")
    # cgroup v2 (the container host) and v1 by hand.
    cg = ["hosts", "container", "sys", "fs", "cgroup"]
    seed("cgroup", "v2-container", read("hosts", "container", "proc", "self", "cgroup"),
         read(*cg, "pids.max"), read(*cg, "pids.current"), read(*cg, "memory.max"),
         read(*cg, "memory.current"))
    seed("cgroup", "v2-nested", "0::/system.slice/nginx.service\n", "max\n", "12\n",
         "1073741824\n", "52428800\n")
    seed("cgroup", "v1", "12:pids:/user.slice\n4:memory,foo:/user.slice/x\n1:name=systemd:/\n",
         "4096\n", "3\n", "9223372036854771712\n", "1000\n")
    seed("sysdconf", "manager-service",
         "[Manager]\nDefaultLimitNOFILE=1024:524288\n\0"
         "[Service]\nLimitNOFILE=infinity\n# comment\n[Install]\nLimitNOFILE=5\n")
    seed("sysdconf", "cgroup", "0::/system.slice/nginx.service\n")
    for key, value, cur in [
        ("net.core.somaxconn", "65535", "4096"),
        ("net.ipv4.ip_local_port_range", "1024 65000", "32768\t60999"),
        ("net.ipv4.tcp_mem", "786432 1048576 1572864", "188562\t251418\t377124"),
        ("fs.nr_open", "2000000", "1048576"),
        ("kern.maxfiles", "524288", "245760"),
        ("net.ipv4.tcp_fin_timeout", "30", "60"),
        ("net/../../etc", "1", "1"),
    ]:
        seed("sysctlkey", key.replace("/", "_"), key, value, cur)
    tune = os.path.join("tune", "expected", "c100k", "etc")
    seed("persist", "sysctl", read(tune, "sysctl.d", "90-headroom.conf"),
         "net.core.somaxconn=65535\nfs.nr_open=2000000\n")
    seed("persist", "limits", read(tune, "security", "limits.d", "90-headroom.conf"),
         "*\tsoft\tnofile=65536\n*\thard\tnofile=524288\nalice\tsoft\tnproc=4096\n")
    seed("persist", "darwin",
         "kern.ipc.somaxconn=128\n# BEGIN headroom (managed by headroom apply; undo with "
         "headroom revert)\nkern.maxfiles=245760\n# END headroom\nkern.x=1\n",
         "kern.maxfiles=524288\nkern.maxfilesperproc=262144\n")
    seed("persist", "dropin-path", "/etc/systemd/system/nginx.service.d/90-headroom.conf\n", "")
    # Applications: several files with includes between them.
    seed("nginx", "events-include", "worker_processes auto;\nevents {\n  include 1.conf;\n}\n"
         "http { server { listen 80 backlog=4096; include /f/2.conf; } }\n",
         "worker_connections 4096;\n", "listen [::]:443 ssl backlog=511;\n")
    seed("haproxy", "global-frontends", "global\n  maxconn 20000\n  ulimit-n 50000\n"
         "  stats socket /run/haproxy.sock\n.if defined(X)\n  nbthread 4\n.endif\n",
         "frontend web\n  bind :80\n  maxconn 5000\n  option splice-auto\n"
         "backend b\n  server s1 127.0.0.1:8080 check\n")
    seed("redis", "include", "maxclients 20000\nport 6380\ninclude 1.conf\n",
         "bind 127.0.0.1 ::1\nunixsocket /run/redis.sock\nmaxclients 30000\n")
    seed("postgresql", "include", "max_connections = 200\ninclude_dir '/f'\n"
         "include_if_exists = '2.conf'\n", "superuser_reserved_connections = 5 # c\n",
         "reserved_connections=2\n")
    seed("mysql", "includedir", "[mysqld]\nmax_connections=500\n!includedir /f\n",
         "[mariadb]\nopen_files_limit = 65535\n[client]\nmax_connections=1\n")
    for i, (pattern, rel) in enumerate([("/g/*.conf", ""), ("/g/[a-z]*", ".conf"),
                                        ("/g/*/*.conf", "x"), ("/g/.*", ""),
                                        ("/g/\\[x]", "/abs"), ("/g", ".conf")]):
        seed("appconf", "pattern-%d" % i, pattern, rel)
    # Processes: the app byte (1 nginx .. 6 mysql), then a command line or a
    # configuration (the harness reads the rest as both).
    apps = {"nginx": 1, "haproxy": 2, "redis-server": 3, "memcached": 4, "postgres": 5,
            "mariadbd": 6}
    procs = os.path.join(FIX, "hosts", "apps", "proc")
    for pid in sorted(os.listdir(procs)):
        comm = os.path.join(procs, pid, "comm")
        if not pid.isdigit() or not os.path.exists(comm):
            continue
        name = open(comm).read().strip()
        if name in apps:
            with open(os.path.join(procs, pid, "cmdline"), "rb") as f:
                seed("appproc", "cmdline-" + pid, bytes([apps[name]]) + f.read())
    for app, path in [(1, "nginx/nginx.conf"), (2, "haproxy/haproxy.cfg"),
                      (3, "redis/redis.conf"), (4, "memcached.conf"),
                      (5, "postgresql/15/main/postgresql.conf"), (6, "mysql/my.cnf")]:
        seed("appproc", "conf-%d" % app, bytes([app]) + read("hosts", "apps", "etc", path))
    seed("appproc", "redis-info", b"\x03# Server\r\nredis_version:7.0.15\r\nconfig_file:"
         b"/etc/redis/redis.conf\r\n# Clients\r\nconnected_clients:3\r\nmaxclients:10000\r\n")
    seed("appproc", "memcached-stats", b"\x04STAT pid 4500\r\nSTAT curr_connections 10\r\n"
         b"STAT max_connections 1024\r\nEND\r\n")
    # Go build information: the magic, pointer size, flags, then the version.
    head = b"\xff Go buildinf:" + b"\x08\x02" + b"\0" * 16
    seed("goversion", "inline", head + b"\x08go1.21.5" + b"\x00" * 8)
    seed("goversion", "old", b"\xff Go buildinf:" + b"\x08\x00" + b"\0" * 40)
    # The explain catalogue's own sample lines: the first that each entry
    # must explain (tests/explain/samples.txt), one seed each.
    n, want = 0, False
    with open(os.path.join(TOP, "tests", "explain", "samples.txt"), "rb") as f:
        for line in f:
            if line.startswith(b"["):
                want = True
            elif line.startswith(b"+ ") and want:
                n, want = n + 1, False
                seed("explain", "sample-%03d" % n, line[2:].rstrip(b"\n"))
    names_seeds()
    journal_seeds()


def names_seeds():
    """Names the validator (src/names.c) meets: good and bad units, users,
    groups, limits.conf domains and sysctl keys, one per seed."""
    for label, name in [
        ("unit", "nginx.service"), ("unit-instance", "getty@tty1.service"),
        ("unit-escaped", "systemd-fsck@dev-disk-by\\x2duuid-1234.service"),
        ("unit-two", "nginx.service php-fpm.service"), ("unit-newline", "a.service\nb"),
        ("unit-long", "u" * 247 + ".service"), ("unit-dot", ".service"),
        ("user", "alice"), ("user-dollar", "machine$"), ("user-digits", "1000"),
        ("user-long", "a" * 33), ("user-newline", "alice\n* hard nofile 0"),
        ("domain-star", "*"), ("domain-group", "@loadtest"), ("domain-range", "@1000:2000"),
        ("sysctl", "net.core.somaxconn"), ("sysctl-escape", "net/../../etc/shadow"),
        ("sysctl-dots", "net..core"), ("sysctl-blank", "net.core.somaxconn 1"),
        ("control", b"\x01\x7f\\\xff\xfe"),
    ]:
        seed("names", label, name)


def journal_seeds():
    """Apply c10k and c100k on a copy of the tuning fixture root and keep
    the journal entries it wrote, as info, changes and the saved files."""
    headroom = os.environ.get("HEADROOM", os.path.join(TOP, "src", "headroom"))
    if not os.access(headroom, os.X_OK):
        sys.exit("mkcorpus: build src/headroom first (or set HEADROOM)")
    for profile in ["c10k", "c100k"]:
        with tempfile.TemporaryDirectory() as tmp:
            root = os.path.join(tmp, "root")
            shutil.copytree(os.path.join(FIX, "tune", "root-linux"), root, symlinks=True)
            subprocess.run([headroom, "--root", root, "apply", profile, "--persist"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            entry = os.path.join(root, "var", "lib", "headroom", "journal", "1")
            parts = [open(os.path.join(entry, f), "rb").read() for f in ["info", "changes"]]
            for blob in ["1.old", "1.new", "2.old", "2.new", "3.old", "3.new"]:
                p = os.path.join(entry, blob)
                parts.append(open(p, "rb").read() if os.path.exists(p) else b"")
            while parts and parts[-1] == b"":
                parts.pop()
            seed("journal", profile, *parts)


if __name__ == "__main__":
    main()
