/*
 * test-census.c: the socket census on recorded dumps (tests/fixtures/census,
 * see its README for what each holds), on dumps built here (corrupt,
 * truncated, unknown states, many listeners), and live: that it keeps
 * working when the process is out of descriptors, and that both kinds of
 * request count known sockets exactly.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <cmocka.h>

#include "census.h"
#include "headroom.h"
#include "linux/census-int.h"

#ifndef CENSUS_FIXTURES
#define CENSUS_FIXTURES "tests/fixtures/census"
#endif

static struct census census;
static char cause[512];
static char tmp_path[256];

static int
replay_range(const char *file, uint32_t mask, uint16_t lo, uint16_t hi)
{
	char path[512];
	struct census_opts opts = {.state_mask = mask, .port_lo = lo, .port_hi = hi};

	if (file[0] == '/')
		snprintf(path, sizeof(path), "%s", file);
	else
		snprintf(path, sizeof(path), "%s/%s", CENSUS_FIXTURES, file);
	opts.replay = path;
	cause[0] = '\0';
	return census_collect(&census, &opts, cause, sizeof(cause));
}

static int
replay(const char *file, uint32_t mask)
{
	return replay_range(file, mask, 32768, 60999);
}

static const struct census_listener *
find_listener(int family, uint16_t port)
{
	size_t i;

	for (i = 0; i < census.nlisteners; i++) {
		if (census.listeners[i].family == family && census.listeners[i].port == port)
			return &census.listeners[i];
	}
	fail_msg("no listener on port %u", port);
	return NULL;
}

static void
assert_listener(int family, const char *addr, uint16_t port, uint32_t queue, uint32_t backlog)
{
	const struct census_listener *l = find_listener(family, port);

	assert_string_equal(l->addr, addr);
	assert_int_equal(l->queue, queue);
	assert_int_equal(l->backlog, backlog);
}

/* --- recorded dumps --- */

static void
test_mix_states(void **state)
{
	(void)state;
	assert_int_equal(replay("mix.nl", 0), 0);
	assert_int_equal(census.sockets, 35);
	assert_int_equal(census.sockets_ipv6, 5);
	assert_int_equal(census.states[CENSUS_ESTABLISHED], 22);
	assert_int_equal(census.states[CENSUS_SYN_SENT], 1);
	assert_int_equal(census.states[CENSUS_FIN_WAIT2], 2);
	assert_int_equal(census.states[CENSUS_TIME_WAIT], 4);
	assert_int_equal(census.states[CENSUS_CLOSE_WAIT], 2);
	assert_int_equal(census.states[CENSUS_LISTEN], 4);
	assert_int_equal(census.states[CENSUS_BOUND_INACTIVE], 0);
	assert_int_equal(census.states[CENSUS_CLOSE], 0);
	assert_int_equal(census.states[CENSUS_UNKNOWN], 0);
	assert_int_equal(census.ports_in_range, 18);
}

/* The same sockets as ss --diag recorded them: one dump per family. */
static void
test_mix_ss(void **state)
{
	(void)state;
	assert_int_equal(replay("mix-ss.nl", 0), 0);
	assert_int_equal(census.sockets, 35);
	assert_int_equal(census.sockets_ipv6, 5);
	assert_int_equal(census.states[CENSUS_ESTABLISHED], 22);
	assert_int_equal(census.states[CENSUS_TIME_WAIT], 4);
	assert_int_equal(census.ports_in_range, 18);
	assert_listener(AF_INET, "127.0.0.1", 8080, 3, 16);
	assert_int_equal(census.listeners[census.fullest].port, 9000);
}

static void
test_mix_listeners(void **state)
{
	struct census_listener sorted[CENSUS_LISTENERS_MAX];

	(void)state;
	assert_int_equal(replay("mix.nl", 0), 0);
	assert_int_equal(census.nlisteners, 4);
	assert_int_equal(census.listeners_omitted, 0);
	assert_listener(AF_INET, "0.0.0.0", 22, 0, 128);
	assert_listener(AF_INET, "127.0.0.1", 8080, 3, 16);
	assert_listener(AF_INET6, "::", 443, 0, 64);
	assert_listener(AF_INET, "127.0.0.1", 9000, 1, 0);
	/* A queue over a backlog of 0 is the fullest of all. */
	assert_true(census.fullest >= 0);
	assert_int_equal(census.listeners[census.fullest].port, 9000);
	memcpy(sorted, census.listeners, census.nlisteners * sizeof(sorted[0]));
	qsort(sorted, census.nlisteners, sizeof(sorted[0]), census_listener_cmp);
	assert_int_equal(sorted[0].port, 9000);
	assert_int_equal(sorted[1].port, 8080);
	assert_int_equal(sorted[2].port, 443); /* empty: the smaller backlog first */
	assert_int_equal(sorted[3].port, 22);
}

static void
test_mix_state_mask(void **state)
{
	(void)state;
	assert_int_equal(replay("mix.nl", CENSUS_STATE_BIT(CENSUS_ESTABLISHED)), 0);
	assert_int_equal(census.sockets, 22);
	assert_int_equal(census.states[CENSUS_LISTEN], 0);
	assert_int_equal(census.states[CENSUS_TIME_WAIT], 0);
	assert_int_equal(census.nlisteners, 0);
	assert_int_equal(census.fullest, -1);
	assert_int_equal(census.ports_in_range, 11); /* 40001-5, 40101-3, 40201-2, 40501 */

	assert_int_equal(replay("mix.nl", CENSUS_STATE_BIT(CENSUS_TIME_WAIT) |
					      CENSUS_STATE_BIT(CENSUS_CLOSE_WAIT)),
			 0);
	assert_int_equal(census.sockets, 6);
	assert_int_equal(census.ports_in_range, 4); /* CLOSE-WAIT ends are on port 22 */

	assert_int_equal(replay("mix.nl", CENSUS_STATE_BIT(CENSUS_LISTEN)), 0);
	assert_int_equal(census.sockets, 4);
	assert_int_equal(census.nlisteners, 4);
	assert_int_equal(census.ports_in_range, 0);
}

static void
test_mix_bound_inactive(void **state)
{
	(void)state;
	assert_int_equal(replay("mix.nl", CENSUS_STATE_BIT(CENSUS_BOUND_INACTIVE)), 0);
	assert_int_equal(census.sockets, 1);
	assert_int_equal(census.states[CENSUS_BOUND_INACTIVE], 1);
	assert_int_equal(census.ports_in_range, 1); /* 40601 */
	assert_int_equal(
	    replay("mix.nl", CENSUS_ALL_STATES | CENSUS_STATE_BIT(CENSUS_BOUND_INACTIVE)), 0);
	assert_int_equal(census.sockets, 36);
	assert_int_equal(census.ports_in_range, 19);
}

static void
test_port_ranges(void **state)
{
	(void)state;
	assert_int_equal(replay_range("mix.nl", 0, 40001, 40005), 0);
	assert_int_equal(census.ports_in_range, 5);
	/* Every local port, listeners' too: 22, 443, 8080, 9000 and 18 clients. */
	assert_int_equal(replay_range("mix.nl", 0, 1, 65535), 0);
	assert_int_equal(census.ports_in_range, 22);
	assert_int_equal(replay_range("mix.nl", 0, 0, 0), 0); /* no range */
	assert_int_equal(census.ports_in_range, 0);
	assert_int_equal(replay_range("mix.nl", 0, 50000, 40000), 0); /* empty */
	assert_int_equal(census.ports_in_range, 0);
	assert_int_equal(census.sockets, 35); /* the range changes nothing else */
}

static void
test_golden_hosts(void **state)
{
	(void)state;
	assert_int_equal(replay("debian12.nl", 0), 0);
	assert_int_equal(census.sockets, 12);
	assert_int_equal(census.sockets_ipv6, 3);
	assert_int_equal(census.states[CENSUS_ESTABLISHED], 8);
	assert_int_equal(census.states[CENSUS_TIME_WAIT], 1);
	assert_int_equal(census.states[CENSUS_LISTEN], 3);
	assert_int_equal(census.ports_in_range, 5);
	assert_listener(AF_INET, "0.0.0.0", 22, 0, 128);
	assert_listener(AF_INET6, "::", 22, 0, 128);
	assert_listener(AF_INET, "127.0.0.1", 25, 0, 20);

	assert_int_equal(replay("tuned100k.nl", 0), 0);
	assert_int_equal(census.sockets, 1073);
	assert_int_equal(census.sockets_ipv6, 201);
	assert_int_equal(census.states[CENSUS_ESTABLISHED], 1020);
	assert_int_equal(census.states[CENSUS_TIME_WAIT], 50);
	assert_int_equal(census.ports_in_range, 0);
	assert_int_equal(census.listeners[census.fullest].port, 443);
	assert_int_equal(census.listeners[census.fullest].queue, 10);
	assert_int_equal(census.listeners[census.fullest].backlog, 65535);
	assert_int_equal(replay_range("tuned100k.nl", 0, 1024, 65535), 0);
	assert_int_equal(census.ports_in_range, 561);

	assert_int_equal(replay("container.nl", 0), 0);
	assert_int_equal(census.sockets, 61);
	assert_int_equal(census.states[CENSUS_ESTABLISHED], 54);
	assert_int_equal(census.states[CENSUS_FIN_WAIT2], 1);
	assert_int_equal(census.states[CENSUS_TIME_WAIT], 3);
	assert_int_equal(census.states[CENSUS_CLOSE_WAIT], 1);
	assert_int_equal(census.ports_in_range, 31);
	assert_listener(AF_INET, "0.0.0.0", 8080, 2, 511);
	assert_listener(AF_INET, "127.0.0.1", 5432, 0, 244);
	assert_int_equal(census.listeners[census.fullest].port, 8080);
}

static void
test_no_sockets(void **state)
{
	(void)state;
	assert_int_equal(replay("none.nl", 0), 0);
	assert_int_equal(census.sockets, 0);
	assert_int_equal(census.nlisteners, 0);
	assert_int_equal(census.fullest, -1);
}

/* --- damaged files --- */

static void
write_tmp(const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(tmp_path, sizeof(tmp_path), "%s/test-census-XXXXXX", dir != NULL ? dir : "/tmp");
	fd = mkstemp(tmp_path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

static size_t
read_fixture(const char *name, uint8_t *buf, size_t size)
{
	char path[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", CENSUS_FIXTURES, name);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, buf, size);
	close(fd);
	assert_true(n > 0 && (size_t)n < size);
	return (size_t)n;
}

static void
assert_bad_dump(const void *data, size_t len, const char *why)
{
	write_tmp(data, len);
	assert_int_equal(replay(tmp_path, 0), -EBADMSG);
	unlink(tmp_path);
	if (strstr(cause, why) == NULL)
		fail_msg("cause '%s' does not say '%s'", cause, why);
	assert_non_null(strstr(cause, tmp_path)); /* names the file */
}

static void
test_empty_file(void **state)
{
	(void)state;
	assert_bad_dump("", 0, "empty file");
}

static void
test_truncated(void **state)
{
	static uint8_t buf[8192];
	size_t len = read_fixture("mix.nl", buf, sizeof(buf));

	(void)state;
	assert_bad_dump(buf, len / 2 + 7, "inside a message");
	assert_bad_dump(buf, len - 3, "inside a message");
	/* Cut on a message boundary: the last NLMSG_DONE (20 bytes) is gone. */
	assert_bad_dump(buf, len - 20, "before its NLMSG_DONE");
}

static void
test_corrupt(void **state)
{
	static uint8_t buf[8192];
	size_t len = read_fixture("mix.nl", buf, sizeof(buf));
	struct nlmsghdr *first = (struct nlmsghdr *)buf;
	uint32_t good_len = first->nlmsg_len;

	(void)state;
	first->nlmsg_len = 4;
	assert_bad_dump(buf, len, "bad message length 4 at byte 0");
	first->nlmsg_len = 0xfffffff0u;
	assert_bad_dump(buf, len, "bad message length");
	first->nlmsg_len = good_len;
	first->nlmsg_type = 99;
	assert_bad_dump(buf, len, "not a sock_diag message at byte 0");
	memset(buf, 0, 64);
	assert_bad_dump(buf, 64, "bad message length 0");
	memset(buf, 'x', 100); /* text, not a dump */
	assert_bad_dump(buf, 100, "bad message length");
}

/* --- dumps built here --- */

struct dump {
	uint8_t buf[65536];
	size_t len;
};

static struct dump built;

static struct inet_diag_msg *
add_socket(struct dump *d, int family, int state, uint16_t port)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(d->buf + d->len);
	struct inet_diag_msg *m = NLMSG_DATA(nlh);

	assert_true(d->len + NLMSG_SPACE(sizeof(*m)) <= sizeof(d->buf));
	memset(nlh, 0, NLMSG_SPACE(sizeof(*m)));
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(*m));
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	m->idiag_family = (uint8_t)family;
	m->idiag_state = (uint8_t)state;
	m->id.idiag_sport = htons(port);
	d->len += NLMSG_SPACE(sizeof(*m));
	return m;
}

static void
add_done(struct dump *d)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(d->buf + d->len);

	memset(nlh, 0, NLMSG_SPACE(sizeof(int)));
	nlh->nlmsg_len = NLMSG_LENGTH(sizeof(int));
	nlh->nlmsg_type = NLMSG_DONE;
	d->len += NLMSG_SPACE(sizeof(int));
}

static int
replay_built(uint32_t mask)
{
	int ret;

	write_tmp(built.buf, built.len);
	ret = replay(tmp_path, mask);
	unlink(tmp_path);
	return ret;
}

static void
test_unknown_state(void **state)
{
	(void)state;
	built.len = 0;
	add_socket(&built, AF_INET, 42, 40000);
	add_socket(&built, AF_INET, CENSUS_ESTABLISHED, 40001);
	add_done(&built);
	add_done(&built);
	assert_int_equal(replay_built(0), 0);
	assert_int_equal(census.sockets, 2);
	assert_int_equal(census.states[CENSUS_UNKNOWN], 1);
	assert_string_equal(census_state_name(42), "UNKNOWN");
	assert_int_equal(replay_built(CENSUS_STATE_BIT(CENSUS_ESTABLISHED)), 0);
	assert_int_equal(census.sockets, 1);
}

/* Older ss --diag files hold replies to the legacy TCPDIAG_GETSOCK request. */
static void
test_legacy_type(void **state)
{
	(void)state;
	built.len = 0;
	add_socket(&built, AF_INET6, CENSUS_TIME_WAIT, 40000);
	((struct nlmsghdr *)built.buf)->nlmsg_type = TCPDIAG_GETSOCK;
	add_done(&built);
	assert_int_equal(replay_built(0), 0);
	assert_int_equal(census.states[CENSUS_TIME_WAIT], 1);
	assert_int_equal(census.sockets_ipv6, 1);
	assert_int_equal(census.ports_in_range, 1);
}

static void
test_short_payload(void **state)
{
	struct nlmsghdr *nlh;

	(void)state;
	built.len = 0;
	add_socket(&built, AF_INET, CENSUS_ESTABLISHED, 40000);
	nlh = (struct nlmsghdr *)built.buf;
	nlh->nlmsg_len = NLMSG_LENGTH(8);
	built.len = NLMSG_SPACE(8);
	add_done(&built);
	write_tmp(built.buf, built.len);
	assert_int_equal(replay(tmp_path, 0), -EBADMSG);
	unlink(tmp_path);
	assert_non_null(strstr(cause, "shorter than an inet_diag_msg"));
}

/* More listeners than the struct holds: the fullest are the ones kept. */
static void
test_many_listeners(void **state)
{
	size_t i, total = CENSUS_LISTENERS_MAX + 72;
	uint32_t min_queue = UINT32_MAX;

	(void)state;
	built.len = 0;
	for (i = 0; i < total; i++) {
		/* Queues in a shuffled order: 0..total-1, backlog 1000 each. */
		struct inet_diag_msg *m =
		    add_socket(&built, AF_INET, CENSUS_LISTEN, (uint16_t)(1000 + i));

		m->idiag_rqueue = (uint32_t)((i * 37) % total);
		m->idiag_wqueue = 1000;
	}
	add_done(&built);
	add_done(&built);
	assert_int_equal(replay_built(0), 0);
	assert_int_equal(census.nlisteners, CENSUS_LISTENERS_MAX);
	assert_int_equal(census.listeners_omitted, 72);
	for (i = 0; i < census.nlisteners; i++) {
		if (census.listeners[i].queue < min_queue)
			min_queue = census.listeners[i].queue;
	}
	assert_int_equal(min_queue, 72); /* the 72 emptiest were left out */
	assert_int_equal(census.listeners[census.fullest].queue, total - 1);
}

/* --- names, errors, live --- */

static void
test_state_names(void **state)
{
	(void)state;
	assert_int_equal(census_state_parse("ESTABLISHED"), CENSUS_ESTABLISHED);
	assert_int_equal(census_state_parse("estab"), CENSUS_ESTABLISHED);
	assert_int_equal(census_state_parse("time_wait"), CENSUS_TIME_WAIT);
	assert_int_equal(census_state_parse("Time-Wait"), CENSUS_TIME_WAIT);
	assert_int_equal(census_state_parse("fin-wait-2"), CENSUS_FIN_WAIT2);
	assert_int_equal(census_state_parse("listening"), CENSUS_LISTEN);
	assert_int_equal(census_state_parse("close"), CENSUS_BOUND_INACTIVE);
	assert_int_equal(census_state_parse("bound-inactive"), CENSUS_BOUND_INACTIVE);
	assert_int_equal(census_state_parse("unknown"), -1);
	assert_int_equal(census_state_parse("established2"), -1);
	assert_int_equal(census_state_parse(""), -1);
	assert_string_equal(census_state_name(CENSUS_TIME_WAIT), "TIME-WAIT");
	assert_string_equal(census_state_name(-1), "UNKNOWN");
}

static void
test_missing_file(void **state)
{
	(void)state;
	assert_int_equal(replay("/nonexistent/census.nl", 0), -ENOENT);
	assert_non_null(strstr(cause, "/nonexistent/census.nl"));
}

static void
test_record_unwritable(void **state)
{
	struct census_opts opts = {.record = "/nonexistent/dir/census.nl"};

	(void)state;
	assert_int_equal(census_collect(&census, &opts, cause, sizeof(cause)), -ENOENT);
	assert_non_null(strstr(cause, "record: /nonexistent/dir/census.nl"));
}

/*
 * The live view runs the census while the system is out of descriptors:
 * once open, the kept socket must carry it through EMFILE.
 */
static void
test_live_out_of_fds(void **state)
{
	struct rlimit saved, low;
	int fds[65], n = 0, ret;

	(void)state;
	ret = census_collect(&census, NULL, cause, sizeof(cause));
	if (ret == -EPERM || ret == -EACCES || ret == -EAFNOSUPPORT || ret == -EPROTONOSUPPORT) {
		print_message("no sock_diag here (%s): skipped\n", cause);
		skip();
	}
	assert_int_equal(ret, 0);
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &saved), 0);
	low = saved;
	low.rlim_cur = 48;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	while (n < (int)nitems(fds) - 1 && (fds[n] = dup(0)) >= 0)
		n++;
	assert_int_equal(errno, EMFILE);

	ret = census_collect(&census, NULL, cause, sizeof(cause));
	if (ret != 0)
		fail_msg("out of descriptors: %s", cause);
	census_close();
	fds[n] = dup(0); /* take the slot the socket freed */
	assert_true(fds[n++] >= 0);
	ret = census_collect(&census, NULL, cause, sizeof(cause));
	while (n > 0)
		close(fds[--n]);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &saved), 0);
	assert_int_equal(ret, -EMFILE);
	assert_non_null(strstr(cause, "out of file descriptors"));
	census_close();
}

/* --- live, in a network namespace of our own --- */

static void
loopback_up(void)
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	assert_int_equal(ioctl(fd, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	assert_int_equal(ioctl(fd, SIOCSIFFLAGS, &ifr), 0);
	close(fd);
}

static socklen_t
loopback_addr(int family, uint16_t port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		s6->sin6_port = htons(port);
		return sizeof(*s6);
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	s4->sin_family = AF_INET;
	s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s4->sin_port = htons(port);
	return sizeof(*s4);
}

static int
tcp_bound(int family, uint16_t port)
{
	struct sockaddr_storage ss;
	socklen_t len = loopback_addr(family, port, &ss);
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&ss, len), 0);
	return fd;
}

/* n clients from first_port.. to the listener on port; accept some. */
static void
open_connections(int family, uint16_t port, uint16_t first_port, int n, int accepted, int *fds,
		 int *nfds)
{
	struct sockaddr_storage dst;
	socklen_t len = loopback_addr(family, port, &dst);
	int lfd = tcp_bound(family, port), i;

	assert_int_equal(listen(lfd, 8), 0);
	fds[(*nfds)++] = lfd;
	for (i = 0; i < n; i++) {
		int c = tcp_bound(family, (uint16_t)(first_port + i));

		assert_int_equal(connect(c, (struct sockaddr *)&dst, len), 0);
		fds[(*nfds)++] = c;
	}
	for (i = 0; i < accepted; i++) {
		fds[*nfds] = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		assert_true(fds[(*nfds)++] >= 0);
	}
}

static void
assert_live_counts(bool legacy)
{
	struct census_opts opts = {.port_lo = 40000, .port_hi = 40100};

	census_set_legacy_request(legacy);
	assert_int_equal(census_collect(&census, &opts, cause, sizeof(cause)), 0);
	assert_int_equal(census.sockets, 12);
	assert_int_equal(census.sockets_ipv6, 5);
	assert_int_equal(census.states[CENSUS_ESTABLISHED], 10);
	assert_int_equal(census.states[CENSUS_LISTEN], 2);
	assert_int_equal(census.ports_in_range, 5);
	assert_listener(AF_INET, "127.0.0.1", 5000, 0, 8);
	assert_listener(AF_INET6, "::1", 6000, 2, 8);
	assert_int_equal(census.listeners[census.fullest].port, 6000);
}

/*
 * Both requests, the legacy one-walk dump and the per-family dumps, count
 * the same known sockets exactly. Runs last: it leaves this process in a
 * network namespace of its own.
 */
static void
test_live_requests_agree(void **state)
{
	int fds[32], nfds = 0;

	(void)state;
	census_close(); /* the kept socket belongs to the old namespace */
	/* Unprivileged, a user namespace gives the right to make one. */
	if (unshare(CLONE_NEWNET) < 0 && unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
		print_message("cannot unshare a network namespace (%s): skipped\n",
			      strerror(errno));
		skip();
	}
	loopback_up();
	open_connections(AF_INET, 5000, 40001, 3, 3, fds, &nfds);
	open_connections(AF_INET6, 6000, 40011, 2, 0, fds, &nfds);
	assert_live_counts(true);
	assert_live_counts(false);
	census_set_legacy_request(true);
	census_close();
	while (nfds > 0)
		close(fds[--nfds]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mix_states),
	    cmocka_unit_test(test_mix_ss),
	    cmocka_unit_test(test_mix_listeners),
	    cmocka_unit_test(test_mix_state_mask),
	    cmocka_unit_test(test_mix_bound_inactive),
	    cmocka_unit_test(test_port_ranges),
	    cmocka_unit_test(test_golden_hosts),
	    cmocka_unit_test(test_no_sockets),
	    cmocka_unit_test(test_empty_file),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_corrupt),
	    cmocka_unit_test(test_unknown_state),
	    cmocka_unit_test(test_legacy_type),
	    cmocka_unit_test(test_short_payload),
	    cmocka_unit_test(test_many_listeners),
	    cmocka_unit_test(test_state_names),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_record_unwritable),
	    cmocka_unit_test(test_live_out_of_fds),
	    cmocka_unit_test(test_live_requests_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
