/*
 * sysctlkey.h: the sysctls a profile may set. Only limit-related keys are
 * on the allow-list, each with the range the kernel accepts; anything else
 * needs --allow-any-sysctl, and a key that could walk out of /proc/sys is
 * refused always.
 */
#ifndef SYSCTLKEY_H
#define SYSCTLKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sysctlkey_os {
	SYSCTLKEY_LINUX,
	SYSCTLKEY_DARWIN,
};

/* How a current value compares with the profile's. */
enum sysctlkey_cmp {
	SYSCTLKEY_RAISE, /* a limit: a higher current value already meets it */
	SYSCTLKEY_EXACT, /* a setting: only the same value meets it */
	SYSCTLKEY_RANGE, /* a "low high" range: a wider current range meets it */
};

struct sysctlkey {
	const char *key;
	enum sysctlkey_os os;
	int nvals;    /* numbers in the value: 1, 2 (a range) or 3 (tcp_mem) */
	bool ordered; /* values must not decrease (ranges, tcp_mem) */
	int64_t min, max;
	enum sysctlkey_cmp cmp;
};

const struct sysctlkey *sysctlkey_find(const char *key);
/* The allow-list, for listings and docs: NULL past the end. */
const struct sysctlkey *sysctlkey_at(size_t i);

/* A key's shape: [a-z0-9_.-] only, no '/', no "..", no empty component. */
int sysctlkey_check_name(const char *key, char *cause, size_t causelen);

/* Check value against k (NULL: a key allowed by --allow-any-sysctl, where
 * only the characters are checked) and write it normalised to norm. */
int sysctlkey_check_value(const struct sysctlkey *k, const char *value, char *norm, size_t normsize,
			  char *cause, size_t causelen);

/* Whether current (as read from /proc/sys) already meets wanted. */
bool sysctlkey_meets(const struct sysctlkey *k, const char *current, const char *wanted);

/* The platform a key belongs to; keys off the list go by their prefix. */
enum sysctlkey_os sysctlkey_os_of(const char *key);

#endif
