/*
 * verify-layout.c: how verify spreads a target over processes, source
 * addresses and listener ports, from the machine's limits.
 *
 * One process can hold at most its hard nofile limit (verify cannot raise
 * it without CAP_SYS_RESOURCE), so the client side and the server side are
 * each spread over as many processes as needed. One source address reaches
 * one destination through at most the ephemeral port range, so the client
 * side binds to 127.0.0.1, 127.0.0.2, ... (IPv6 has only ::1 on loopback:
 * there, several listener ports spread the 4-tuples instead).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "parse.h"
#include "plan.h"
#include "rootfs.h"
#include "verify.h"

/*
 * Fill at most this share of a source's port range. The kernel searches
 * the range for a free port from a hashed offset, so the search slows
 * sharply as the range fills: 100,000 connections over 4 sources (88% of
 * each range) ran at 1,400-4,000 conn/s here, over 8 sources (44%) at
 * 26,000. Loopback sources cost nothing, so verify takes plenty.
 */
#define PORT_USE_FRACTION 0.4
/* No kernel socket takes less than this; a TCP socket takes over 2 KiB. */
#define SOCKET_BYTES_FLOOR 1024
/* Each fd costs at least its slot in the fd table. */
#define FD_BYTES_FLOOR 8
/* The kernel's ceiling for fs.nr_open on 64-bit (INT_MAX rounded down to 64). */
#define NR_OPEN_CEILING 2147483584LL
#define PROCESSES_MAX	4096

static int64_t
div_up(int64_t a, int64_t b)
{
	return (a + b - 1) / b;
}

/* The ephemeral range (the kernel's default when unreadable) less the
 * reserved ports in it. */
static void
read_port_range(struct verify_env *env)
{
	char buf[256];

	rootfs_read_port_range(&env->port_lo, &env->port_hi, buf, sizeof(buf));
	if (rootfs_read_sysctl("net.ipv4.ip_local_reserved_ports", buf, sizeof(buf)) >= 0) {
		int64_t n = parse_reserved_ports(buf, env->port_lo, env->port_hi);

		env->ports_reserved = n > 0 ? n : 0;
	}
}

int
verify_env_read(struct verify_env *env)
{
	static char meminfo[8192];
	struct rlimit rl;
	int64_t kb;

	env->ports_reserved = 0;
	env->mem_total = 0;
	read_port_range(env);
	if (rootfs_read("/proc/meminfo", meminfo, sizeof(meminfo)) > 0 &&
	    parse_keyed_i64(meminfo, "MemTotal", &kb) == 0)
		env->mem_total = kb * 1024;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -errno;
	env->nofile_soft = rl.rlim_cur == RLIM_INFINITY ? NR_OPEN_CEILING : (int64_t)rl.rlim_cur;
	env->nofile_hard = rl.rlim_max == RLIM_INFINITY ? NR_OPEN_CEILING : (int64_t)rl.rlim_max;
	return 0;
}

double
verify_timeout_default(enum verify_what what, int64_t target)
{
	/* Loopback establishes well over 5,000 connections a second even on a
	 * small machine; fds and sockets are ten times cheaper. */
	if (what == VERIFY_CONNECTIONS)
		return 10.0 + (double)target / 5000.0;
	return 10.0 + (double)target / 50000.0;
}

/* A target no machine with this much memory could ever hold. */
static int
check_absurd(const struct verify_opts *o, const struct verify_env *env, char *cause,
	     size_t causelen)
{
	int64_t per = o->what == VERIFY_CONNECTIONS && !o->external ? 2 : 1;
	int64_t floor = o->what == VERIFY_FDS ? FD_BYTES_FLOOR : SOCKET_BYTES_FLOOR;
	int64_t most = env->mem_total > 0 ? env->mem_total / (floor * per) : NR_OPEN_CEILING;
	const char *what = o->what == VERIFY_FDS ? "file descriptors" : "sockets";

	if (o->what == VERIFY_FDS && most > NR_OPEN_CEILING)
		most = NR_OPEN_CEILING;
	if (o->target <= most)
		return 0;
	snprintf(cause, causelen,
		 "--target %lld is more than this machine could ever hold: even at %lld bytes "
		 "of kernel memory per %s, %lld MiB of RAM holds at most %lld",
		 (long long)o->target, (long long)floor, what, (long long)(env->mem_total >> 20),
		 (long long)most);
	return -EDOM;
}

static int
check_sources(const struct verify_opts *o, char *cause, size_t causelen)
{
	if (o->sources > VERIFY_SOURCES_MAX) {
		snprintf(cause, causelen,
			 "--sources %d: sources are 127.0.0.1, 127.0.0.2, ... and stop at "
			 "127.255.255.254 (at most %d)",
			 o->sources, VERIFY_SOURCES_MAX);
		return -EINVAL;
	}
	if (o->sources > 1 && o->ipv6) {
		snprintf(cause, causelen,
			 "--sources %d: IPv6 loopback has one address (::1); spread over "
			 "listener ports with --ports instead",
			 o->sources);
		return -EINVAL;
	}
	if (o->sources > 1 && o->external && !o->dest_loopback) {
		snprintf(cause, causelen,
			 "--sources %d: extra sources are loopback addresses (127.0.0.2, ...), "
			 "which reach only a server on loopback",
			 o->sources);
		return -EINVAL;
	}
	if (o->ports > 1 && o->external) {
		snprintf(cause, causelen, "--ports: --connect names the one port to connect to");
		return -EINVAL;
	}
	return 0;
}

static int
check_processes(const struct verify_opts *o, char *cause, size_t causelen)
{
	if (o->clients > PROCESSES_MAX || o->servers > PROCESSES_MAX) {
		snprintf(cause, causelen, "--processes / --server-processes: at most %d",
			 PROCESSES_MAX);
		return -EINVAL;
	}
	if (o->clients > o->target || o->servers > o->target) {
		snprintf(cause, causelen, "more processes than %s to open (--target %lld)",
			 o->what == VERIFY_CONNECTIONS ? "connections" : "descriptors",
			 (long long)o->target);
		return -EINVAL;
	}
	if (o->serve && (o->clients > 0 || o->sources > 0 || o->ports > 1)) {
		snprintf(cause, causelen,
			 "--serve opens only the server side: --processes, --sources and "
			 "--ports are the clients'");
		return -EINVAL;
	}
	if (o->servers > 0 && (o->what != VERIFY_CONNECTIONS || o->external)) {
		snprintf(cause, causelen,
			 "--server-processes: only with --what connections "
			 "and no --connect");
		return -EINVAL;
	}
	return 0;
}

/* Processes for one side: as asked, or as many as the hard limit needs. */
static int
side_processes(int asked, int64_t target, int64_t cap, bool *spread)
{
	int64_t n;

	*spread = false;
	if (asked > 0)
		return asked;
	n = div_up(target, cap);
	if (n > PROCESSES_MAX)
		n = PROCESSES_MAX;
	*spread = n > 1;
	return (int)n;
}

static void
plan_addresses(const struct verify_opts *o, struct verify_layout *lay)
{
	int64_t usable = (int64_t)(lay->ports_per_source * PORT_USE_FRACTION);
	int64_t n;

	if (usable < 1)
		usable = 1;
	lay->ports = o->ports > 0 ? o->ports : 1;
	lay->sources = o->sources > 0 ? o->sources : 1;
	lay->sources_auto = false;
	if (o->serve || (o->external && !o->dest_loopback))
		return;
	if (o->ipv6) {
		/* One source: spread the 4-tuples over listener ports. */
		if (o->ports == 0 && !o->external)
			lay->ports = (int)div_up(o->target, usable);
		return;
	}
	if (o->sources == 0) {
		n = div_up(o->target, usable * lay->ports);
		lay->sources = n > VERIFY_SOURCES_MAX ? VERIFY_SOURCES_MAX : (int)n;
		lay->sources_auto = lay->sources > 1;
	}
}

/* How many of a side's workers work at once: all, or with many, a few
 * that hand over to the next (VERIFY_RELAY_ACTIVE). */
static int
at_once(const struct verify_opts *o, int workers)
{
	const char *env = getenv(VERIFY_RELAY_ACTIVE_ENV);
	long active = VERIFY_RELAY_ACTIVE;

	/* Only where this run's own workers make every connection: the other
	 * side of --serve and --connect is not ours to pace. */
	if (o->what != VERIFY_CONNECTIONS || o->serve || o->external)
		return workers;
	if (env != NULL && *env != '\0')
		active = strtol(env, NULL, 10);
	if (active > VERIFY_RELAY_MAX)
		active = VERIFY_RELAY_MAX;
	return active > 0 && workers > active ? (int)active : workers;
}

int
verify_layout_plan(const struct verify_opts *o, const struct verify_env *env,
		   struct verify_layout *lay, char *cause, size_t causelen)
{
	int64_t cap, want;
	int err;

	memset(lay, 0, sizeof(*lay));
	if (o->target < 1) {
		snprintf(cause, causelen, "--target must be at least 1");
		return -EDOM;
	}
	if ((err = check_absurd(o, env, cause, causelen)) < 0 ||
	    (err = check_sources(o, cause, causelen)) < 0 ||
	    (err = check_processes(o, cause, causelen)) < 0)
		return err;
	lay->serve = o->serve;
	lay->remote = o->external && !o->dest_loopback;
	lay->proc_overhead = PLAN_OVERHEAD_FDS;
	if (o->ports + 8 > lay->proc_overhead)
		lay->proc_overhead = o->ports + 8;
	cap = env->nofile_hard - lay->proc_overhead;
	if (cap < 1) {
		snprintf(cause, causelen,
			 "the hard nofile limit (%lld) leaves no room for a single descriptor",
			 (long long)env->nofile_hard);
		return -EDOM;
	}
	lay->ports_per_source = env->port_hi - env->port_lo + 1 - env->ports_reserved;
	lay->port_lo = env->port_lo;
	if (o->what == VERIFY_CONNECTIONS) {
		plan_addresses(o, lay);
		if (!o->serve)
			lay->clients =
			    side_processes(o->clients, o->target, cap, &lay->clients_spread);
		if (!o->external)
			lay->servers =
			    side_processes(o->servers, o->target, cap, &lay->servers_spread);
	} else {
		lay->clients = o->clients > 0 ? o->clients : 1;
	}
	lay->clients_at_once = at_once(o, lay->clients);
	lay->servers_at_once = at_once(o, lay->servers);
	lay->client_share = lay->clients > 0 ? div_up(o->target, lay->clients) : 0;
	lay->server_share = lay->servers > 0 ? div_up(o->target, lay->servers) : 0;
	want = verify_layout_need(lay);
	lay->soft_wanted = want < env->nofile_hard ? want : env->nofile_hard;
	lay->timeout = o->timeout > 0 ? o->timeout : verify_timeout_default(o->what, o->target);
	if (o->serve && o->timeout <= 0)
		lay->timeout += VERIFY_SERVE_WAIT;
	return 0;
}

int64_t
verify_layout_need(const struct verify_layout *lay)
{
	int64_t share =
	    lay->client_share > lay->server_share ? lay->client_share : lay->server_share;

	return share + lay->proc_overhead;
}

int
verify_split_hostport(const char *s, char *host, size_t hostlen, char *port, size_t portlen)
{
	const char *colon, *end = s + strlen(s);
	size_t len;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (close == NULL || close[1] != ':')
			return -EINVAL;
		colon = close + 1;
		s++;
		len = (size_t)(close - s);
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL || strchr(s, ':') != colon)
			return -EINVAL;
		len = (size_t)(colon - s);
	}
	if (len == 0 || len >= hostlen || colon + 1 == end || (size_t)(end - colon) > portlen)
		return -EINVAL;
	memcpy(host, s, len);
	host[len] = '\0';
	strcpy(port, colon + 1);
	return 0;
}

int
verify_port_check(const char *port)
{
	const char *c;
	int64_t v;

	/* A service name (a letter first, then letters, digits, '-', '_', '.')
	 * is for getaddrinfo; anything else must be a real port in digits:
	 * getaddrinfo wraps 99999 to 34463 and reads " 12" and "+5" as numbers. */
	if (isalpha((unsigned char)port[0])) {
		for (c = port; *c != '\0'; c++) {
			if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
				return -EINVAL;
		}
		return 0;
	}
	if (strlen(port) > 5 || parse_i64(port, 1, 65535, &v) < 0 || port[0] == '-')
		return -ERANGE;
	return 0;
}

int
verify_unescape(const char *in, char *out, size_t outlen, size_t *n, size_t *bad)
{
	size_t o = 0, i;
	int hi, lo;
	char c;

	for (i = 0; in[i] != '\0'; i++) {
		c = in[i];
		if (c == '\\') {
			*bad = i;
			switch (in[++i]) {
			case 'r':
				c = '\r';
				break;
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case '\\':
				c = '\\';
				break;
			case 'x':
				if ((hi = parse_hex_digit(in[i + 1])) < 0 ||
				    (lo = parse_hex_digit(in[i + 2])) < 0)
					return -EINVAL;
				c = (char)(hi * 16 + lo);
				i += 2;
				break;
			default:
				return -EINVAL;
			}
		}
		if (o == outlen)
			return -E2BIG;
		out[o++] = c;
	}
	*n = o;
	return 0;
}
