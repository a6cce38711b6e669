# tests/explain/gen-real.py: the small socket programs of gen-real.sh.
# Every loop is bounded by a count and every wait by a timeout; errors
# are left uncaught where the point is the line Python prints for them.
#
#   hold HOST PORT N SEC      open N connections, hold them SEC seconds
#   memcache HOST PORT N      N connections, "version" on each, print replies
#   sink PORT BACKLOG SEC     listen with BACKLOG, never accept, for SEC
#   holder PORT SEC           accept and hold every connection for SEC
#   connect HOST PORT N       open up to N connections; the error is uncaught
#   bind0 N                   bind up to N sockets to 127.0.0.1:0; uncaught
#   burst HOST PORT N SEC     N non-blocking connects at once, kept SEC
#   timeout HOST PORT SEC     one connect with a timeout; uncaught
#   asyncio PORT SEC          an asyncio echo server (its log is the point)
import socket
import sys
import time


def hold(host, port, n, sec):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.connect((host, port))
        except OSError as e:
            print(e)
            break
        socks.append(s)
    time.sleep(sec)


def memcache(host, port, n):
    socks = []
    for _ in range(n):
        s = socket.create_connection((host, port), timeout=2)
        s.sendall(b"version\r\n")
        try:
            print(s.recv(200).decode(errors="replace").strip())
        except OSError as e:
            print(e)
        socks.append(s)


def sink(port, backlog, sec):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(backlog)
    time.sleep(sec)


def holder(port, sec):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(1024)
    s.settimeout(0.2)
    kept = []
    end = time.time() + sec
    while time.time() < end:
        try:
            kept.append(s.accept()[0])
        except socket.timeout:
            pass


def connect(host, port, n):
    socks = []
    for _ in range(n):
        s = socket.socket()
        socks.append(s)
        s.connect((host, port))


def burst(host, port, n, sec):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.setblocking(False)
        try:
            s.connect((host, port))
        except BlockingIOError:
            pass
        socks.append(s)
    time.sleep(sec)


def connect_timeout(host, port, sec):
    socket.create_connection((host, port), timeout=sec)


def bind0(n):
    socks = []
    for _ in range(n):
        s = socket.socket()
        socks.append(s)
        s.bind(("127.0.0.1", 0))


def asyncio_server(port, sec):
    import asyncio

    async def handle(reader, writer):
        await asyncio.sleep(sec)
        writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        async with server:
            await asyncio.sleep(sec)

    asyncio.run(main())


def main():
    a = sys.argv[1:]
    if a[0] == "hold":
        hold(a[1], int(a[2]), int(a[3]), float(a[4]))
    elif a[0] == "memcache":
        memcache(a[1], int(a[2]), int(a[3]))
    elif a[0] == "sink":
        sink(int(a[1]), int(a[2]), float(a[3]))
    elif a[0] == "holder":
        holder(int(a[1]), float(a[2]))
    elif a[0] == "connect":
        connect(a[1], int(a[2]), int(a[3]))
    elif a[0] == "burst":
        burst(a[1], int(a[2]), int(a[3]), float(a[4]))
    elif a[0] == "timeout":
        connect_timeout(a[1], int(a[2]), float(a[3]))
    elif a[0] == "bind0":
        bind0(int(a[1]))
    elif a[0] == "asyncio":
        asyncio_server(int(a[1]), float(a[2]))


main()
