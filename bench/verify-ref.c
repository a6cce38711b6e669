/*
 * verify-ref.c: the plainest program that does what `headroom verify`
 * does, for bench/verify.sh to compare against: S server processes sharing
 * one loopback listener, W client processes with non-blocking connect and
 * epoll (WINDOW connects in flight), connections spread over K source
 * addresses with IP_BIND_ADDRESS_NO_PORT, every socket reset on close.
 * No probing, no reporting, no safety nets.
 *
 * usage: verify-ref N W S K PORT [WINDOW]
 * prints: ref: N connections in SECONDS s, RATE/s
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct shared {
	_Atomic long connected, accepted;
	_Atomic long t_done;
};

static struct shared *sh;
static long target;
static int donefd, go_r, stop_r;
static const struct linger reset = {1, 0};

static long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void
count(_Atomic long *mine, _Atomic long *other, long n)
{
	long zero = 0, one = 1;

	if (n > 0 && atomic_fetch_add(mine, n) + n >= target && atomic_load(other) >= target) {
		atomic_compare_exchange_strong(&sh->t_done, &zero, now_ns());
		if (write(donefd, &one, sizeof(one)) < 0)
			exit(1);
	}
}

static void
wait_pipe(int fd)
{
	char c;

	while (read(fd, &c, 1) > 0)
		continue;
}

static void
server(int lfd, long quota)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE}, evs[64];
	int ep = epoll_create1(0), fd, i, n;
	long got, held = 0;

	ev.data.fd = lfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	ev.events = EPOLLIN;
	ev.data.fd = stop_r;
	epoll_ctl(ep, EPOLL_CTL_ADD, stop_r, &ev);
	wait_pipe(go_r);
	for (;;) {
		n = epoll_wait(ep, evs, 64, -1);
		got = 0;
		for (i = 0; i < n; i++) {
			if (evs[i].data.fd == stop_r)
				_exit(0);
			while (held < quota && (fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) >= 0)
				got++, held++;
		}
		count(&sh->accepted, &sh->connected, got);
		if (held == quota) /* full: leave the queue to the others */
			epoll_ctl(ep, EPOLL_CTL_DEL, lfd, NULL), held++;
	}
}

static void
client(long first, long quota, int sources, int port, int window)
{
	struct epoll_event ev, evs[512];
	struct sockaddr_in dst = {.sin_family = AF_INET, .sin_port = htons(port)};
	struct sockaddr_in src = {.sin_family = AF_INET};
	int ep = epoll_create1(0), one = 1, fd, i, n;
	long started = 0, up = 0, inflight = 0, got;

	dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	wait_pipe(go_r);
	while (up < quota) {
		while (inflight < window && started < quota) {
			fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
			setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
			if (sources > 1) {
				src.sin_addr.s_addr = htonl(
				    INADDR_LOOPBACK + (uint32_t)((first + started) % sources));
				setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one,
					   sizeof(one));
				bind(fd, (struct sockaddr *)&src, sizeof(src));
			}
			connect(fd, (struct sockaddr *)&dst, sizeof(dst));
			ev.events = EPOLLOUT;
			ev.data.fd = fd;
			epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
			started++;
			inflight++;
		}
		n = epoll_wait(ep, evs, 512, -1);
		got = 0;
		for (i = 0; i < n; i++) {
			epoll_ctl(ep, EPOLL_CTL_DEL, evs[i].data.fd, NULL);
			inflight--;
			if (evs[i].events & (EPOLLERR | EPOLLHUP)) {
				fprintf(stderr, "ref: a connect failed\n");
				_exit(1);
			}
			got++;
		}
		up += got;
		count(&sh->connected, &sh->accepted, got);
	}
	wait_pipe(stop_r);
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	int w, s, k, port, window, lfd, one = 1, go[2], stop[2], i;
	long t0, v;
	pid_t pids[8192];
	struct rlimit rl;

	if (argc < 6) {
		fprintf(stderr, "usage: verify-ref N W S K PORT [WINDOW]\n");
		return 64;
	}
	target = atol(argv[1]);
	w = atoi(argv[2]);
	s = atoi(argv[3]);
	k = atoi(argv[4]);
	port = atoi(argv[5]);
	window = argc > 6 ? atoi(argv[6]) : 256;
	if (target < 1 || w < 1 || s < 1 || k < 1 || w + s > 8192)
		return 64;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	donefd = eventfd(0, 0);
	if (pipe(go) < 0 || pipe(stop) < 0)
		return 1;
	go_r = go[0];
	stop_r = stop[0];
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(lfd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons(port);
	if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lfd, 65535) < 0) {
		perror("ref: listen");
		return 1;
	}
	for (i = 0; i < s + w; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(go[1]);
			close(stop[1]);
			if (i < s)
				server(lfd, (target + s - 1) / s);
			close(lfd);
			client((i - s) * (target / w) + ((i - s) < target % w ? i - s : target % w),
			       target / w + ((i - s) < target % w), k, port, window);
		}
	}
	close(lfd);
	usleep(200000); /* let every child reach its go pipe */
	t0 = now_ns();
	close(go[1]);
	if (read(donefd, &v, sizeof(v)) != sizeof(v))
		return 1;
	printf("ref: %ld connections in %.4f s, %.0f/s\n", target, (double)(sh->t_done - t0) / 1e9,
	       (double)target * 1e9 / (double)(sh->t_done - t0));
	fflush(stdout);
	close(stop[1]);
	for (i = 0; i < s + w; i++)
		waitpid(pids[i], NULL, 0);
	return 0;
}
