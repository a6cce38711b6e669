/*
 * sysctlkey.c: the allow-list of limit-related sysctls and their ranges.
 * Ranges are what the kernel itself accepts (its proc_handler min/max), so
 * a profile is refused where `sysctl -w` would fail or silently clamp.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "headroom.h"
#include "parse.h"
#include "names.h"
#include "sysctlkey.h"

#define INT_MAX32  2147483647LL
#define LONG_MAX64 9223372036854775807LL

static const struct sysctlkey keys[] = {
    /* Linux: file descriptors */
    {"fs.file-max", SYSCTLKEY_LINUX, 1, false, 0, LONG_MAX64, SYSCTLKEY_RAISE},
    /* sysctl_nr_open_min/max on 64-bit: BITS_PER_LONG .. INT_MAX rounded down */
    {"fs.nr_open", SYSCTLKEY_LINUX, 1, false, 64, 2147483584LL, SYSCTLKEY_RAISE},
    {"fs.epoll.max_user_watches", SYSCTLKEY_LINUX, 1, false, 0, LONG_MAX64, SYSCTLKEY_RAISE},
    /* Linux: processes and threads (MIN_THREADS..FUTEX_TID_MASK, PID_MAX_LIMIT) */
    {"kernel.threads-max", SYSCTLKEY_LINUX, 1, false, 20, 0x3fffffff, SYSCTLKEY_RAISE},
    {"kernel.pid_max", SYSCTLKEY_LINUX, 1, false, 301, 4194304, SYSCTLKEY_RAISE},
    {"vm.max_map_count", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    /* Linux: queues and sockets */
    {"net.core.somaxconn", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    {"net.core.netdev_max_backlog", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    {"net.ipv4.ip_local_port_range", SYSCTLKEY_LINUX, 2, true, 1, 65535, SYSCTLKEY_RANGE},
    {"net.ipv4.tcp_max_syn_backlog", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    {"net.ipv4.tcp_syncookies", SYSCTLKEY_LINUX, 1, false, 0, 2, SYSCTLKEY_EXACT},
    {"net.ipv4.tcp_tw_reuse", SYSCTLKEY_LINUX, 1, false, 0, 2, SYSCTLKEY_EXACT},
    {"net.ipv4.tcp_fin_timeout", SYSCTLKEY_LINUX, 1, false, 1, INT_MAX32 / 1000, SYSCTLKEY_EXACT},
    {"net.ipv4.tcp_max_tw_buckets", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    {"net.ipv4.tcp_max_orphans", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    {"net.ipv4.tcp_mem", SYSCTLKEY_LINUX, 3, true, 1, LONG_MAX64, SYSCTLKEY_RAISE},
    {"net.ipv4.tcp_rmem", SYSCTLKEY_LINUX, 3, true, 1, INT_MAX32, SYSCTLKEY_EXACT},
    {"net.ipv4.tcp_wmem", SYSCTLKEY_LINUX, 3, true, 1, INT_MAX32, SYSCTLKEY_EXACT},
    {"net.netfilter.nf_conntrack_max", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    {"net.nf_conntrack_max", SYSCTLKEY_LINUX, 1, false, 0, INT_MAX32, SYSCTLKEY_RAISE},
    {"net.netfilter.nf_conntrack_buckets", SYSCTLKEY_LINUX, 1, false, 1, INT_MAX32,
     SYSCTLKEY_RAISE},
    /* macOS */
    {"kern.maxfiles", SYSCTLKEY_DARWIN, 1, false, 1, INT_MAX32, SYSCTLKEY_RAISE},
    {"kern.maxfilesperproc", SYSCTLKEY_DARWIN, 1, false, 1, INT_MAX32, SYSCTLKEY_RAISE},
    {"kern.maxproc", SYSCTLKEY_DARWIN, 1, false, 1, INT_MAX32, SYSCTLKEY_RAISE},
    {"kern.maxprocperuid", SYSCTLKEY_DARWIN, 1, false, 1, INT_MAX32, SYSCTLKEY_RAISE},
    {"kern.ipc.somaxconn", SYSCTLKEY_DARWIN, 1, false, 1, 65535, SYSCTLKEY_RAISE},
    {"net.inet.ip.portrange.first", SYSCTLKEY_DARWIN, 1, false, 1, 65535, SYSCTLKEY_EXACT},
    {"net.inet.ip.portrange.last", SYSCTLKEY_DARWIN, 1, false, 1, 65535, SYSCTLKEY_EXACT},
    {"net.inet.ip.portrange.hifirst", SYSCTLKEY_DARWIN, 1, false, 1, 65535, SYSCTLKEY_EXACT},
    {"net.inet.ip.portrange.hilast", SYSCTLKEY_DARWIN, 1, false, 1, 65535, SYSCTLKEY_EXACT},
    {"net.inet.tcp.msl", SYSCTLKEY_DARWIN, 1, false, 1, INT_MAX32, SYSCTLKEY_EXACT},
};

const struct sysctlkey *
sysctlkey_find(const char *key)
{
	size_t i;

	for (i = 0; i < nitems(keys); i++) {
		if (strcmp(keys[i].key, key) == 0)
			return &keys[i];
	}
	return NULL;
}

const struct sysctlkey *
sysctlkey_at(size_t i)
{
	return i < nitems(keys) ? &keys[i] : NULL;
}

enum sysctlkey_os
sysctlkey_os_of(const char *key)
{
	const struct sysctlkey *k = sysctlkey_find(key);

	if (k != NULL)
		return k->os;
	if (strncmp(key, "kern.", 5) == 0 || strncmp(key, "net.inet.", 9) == 0 ||
	    strncmp(key, "net.inet6.", 10) == 0)
		return SYSCTLKEY_DARWIN;
	return SYSCTLKEY_LINUX;
}

int
sysctlkey_check_name(const char *key, char *cause, size_t causelen)
{
	return names_check_sysctl_key(key, cause, causelen);
}

/* Split a value into at most max integers; returns the count or -EINVAL. */
static int
split_numbers(const char *value, int64_t *out, int max, char *cause, size_t causelen)
{
	const char *p = value;
	char word[64];
	size_t len;
	int n = 0, err;

	while (*p != '\0') {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		if (n == max) {
			snprintf(cause, causelen, "expected %d number%s", max, max == 1 ? "" : "s");
			return -EINVAL;
		}
		len = strcspn(p, " \t");
		if (*p == '-' || len >= sizeof(word))
			goto nan;
		memcpy(word, p, len);
		word[len] = '\0';
		err = parse_i64(word, 0, INT64_MAX, &out[n]);
		if (err == -ERANGE) {
			snprintf(cause, causelen, "number too large");
			return -EINVAL;
		}
		if (err < 0)
			goto nan;
		n++;
		p += len;
	}
	return n;
nan:
	snprintf(cause, causelen, "not %s",
		 max == 1 ? "a non-negative integer" : "a list of non-negative integers");
	return -EINVAL;
}

static int
check_numbers(const struct sysctlkey *k, const char *value, char *norm, size_t normsize,
	      char *cause, size_t causelen)
{
	char why[CAUSE_MAX];
	int64_t v[3];
	size_t off = 0;
	int n, i;

	n = split_numbers(value, v, k->nvals, why, sizeof(why));
	if (n < 0) {
		snprintf(cause, causelen, "%s = %s: %s", k->key, value, why);
		return n;
	}
	if (n != k->nvals) {
		snprintf(cause, causelen, "%s takes %d number%s, got '%s'", k->key, k->nvals,
			 k->nvals == 1 ? "" : "s", value);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (v[i] < k->min || v[i] > k->max) {
			snprintf(cause, causelen,
				 "%s = %s: %" PRId64 " is out of range (%" PRId64 "..%" PRId64 ")",
				 k->key, value, v[i], k->min, k->max);
			return -ERANGE;
		}
		if (k->ordered && i > 0 && v[i] < v[i - 1]) {
			snprintf(cause, causelen, "%s = %s: values must not decrease", k->key,
				 value);
			return -ERANGE;
		}
		off +=
		    (size_t)snprintf(norm + off, normsize - off, "%s%" PRId64, i ? " " : "", v[i]);
		if (off >= normsize)
			return -ENAMETOOLONG;
	}
	return 0;
}

int
sysctlkey_check_value(const struct sysctlkey *k, const char *value, char *norm, size_t normsize,
		      char *cause, size_t causelen)
{
	const char *s;

	if (k != NULL)
		return check_numbers(k, value, norm, normsize, cause, causelen);
	for (s = value; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 && *s != '\t') {
			snprintf(cause, causelen, "control character in value");
			return -EINVAL;
		}
	}
	snprintf(norm, normsize, "%s", value);
	return 0;
}

bool
sysctlkey_meets(const struct sysctlkey *k, const char *current, const char *wanted)
{
	int64_t cur[3], want[3];
	char cause[CAUSE_MAX];
	int nc, nw, i;

	if (k == NULL || k->cmp == SYSCTLKEY_EXACT)
		return strcmp(current, wanted) == 0;
	nc = split_numbers(current, cur, 3, cause, sizeof(cause));
	nw = split_numbers(wanted, want, 3, cause, sizeof(cause));
	if (nc != nw || nc <= 0)
		return false;
	if (k->cmp == SYSCTLKEY_RANGE)
		return cur[0] <= want[0] && cur[nc - 1] >= want[nw - 1];
	for (i = 0; i < nc; i++) {
		if (cur[i] < want[i])
			return false;
	}
	return true;
}
