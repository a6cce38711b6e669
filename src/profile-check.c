/*
 * profile-check.c: validation of a loaded profile. Every key is known,
 * every value is in the range the kernel (or pam_limits, systemd,
 * launchd) accepts, and values that must agree do: nofile within
 * fs.nr_open, port ranges ordered, macOS ceilings respected.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "headroom.h"
#include "launchd.h"
#include "parse.h"
#include "profile.h"
#include "rootfs.h"
#include "names.h"
#include "sysctlkey.h"

struct checker {
	struct profile *p;
	const struct profile_system *sys;
	unsigned flags;
	char *cause;
	size_t causelen;
};

static int bad(struct checker *c, const struct profile_item *it, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct checker *c, const struct profile_item *it, const char *fmt, ...)
{
	char where[PATH_MAX + 16], msg[CAUSE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	profile_origin(c->p, it, where, sizeof(where));
	snprintf(c->cause, c->causelen, "%s: %s", where, msg);
	return -EINVAL;
}

static int
parse_count(const char *s, int64_t min, int64_t max, bool allow_unlimited, int64_t *out)
{
	if (allow_unlimited && (strcmp(s, "unlimited") == 0 || strcmp(s, "infinity") == 0)) {
		*out = PROFILE_INFINITY;
		return 0;
	}
	if (*s < '0' || *s > '9')
		return -EINVAL;
	return parse_i64(s, min, max, out);
}

/*
 * A soft/hard pair: "N" (both), or "SOFT HARD" / "SOFT:HARD" (sep). The
 * soft limit may not exceed the hard one.
 */
static int
parse_pair(struct checker *c, const struct profile_item *it, char sep, int64_t max,
	   bool allow_unlimited, struct profile_limit *out)
{
	char buf[PROFILE_VALUE_MAX], *second, *p;
	int err;

	snprintf(buf, sizeof(buf), "%s", it->value);
	second = strchr(buf, sep);
	if (second != NULL) {
		*second++ = '\0';
		while (*second == ' ' || *second == '\t')
			second++;
		for (p = buf + strlen(buf); p > buf && (p[-1] == ' ' || p[-1] == '\t');)
			*--p = '\0';
	}
	err = parse_count(buf, 1, INT64_MAX - 1, allow_unlimited, &out->soft);
	if (err == 0)
		err = parse_count(second != NULL ? second : buf, 1, INT64_MAX - 1, allow_unlimited,
				  &out->hard);
	if (err < 0)
		return bad(c, it, "%s = %s: expected a number%s or \"SOFT%cHARD\"", it->key,
			   it->value, allow_unlimited ? " (or unlimited)" : "", sep);
	if (out->soft > out->hard)
		return bad(c, it, "%s = %s: the soft limit exceeds the hard limit", it->key,
			   it->value);
	if (max != PROFILE_UNSET && out->hard != PROFILE_INFINITY && out->hard > max)
		return bad(c, it,
			   "%s = %s: exceeds fs.nr_open %" PRId64
			   " of the target system, the kernel's ceiling for any process "
			   "(set fs.nr_open in [sysctl] too)",
			   it->key, it->value, max);
	out->item = (int)(it - c->p->items);
	return 0;
}

/* The fs.nr_open that will be in force: the profile's, else the system's. */
static int64_t
nr_open_ceiling(struct checker *c)
{
	int i;
	int64_t v;

	for (i = 0; i < c->p->nitems; i++) {
		const struct profile_item *it = &c->p->items[i];

		if (it->section == PSEC_SYSCTL && strcmp(it->key, "fs.nr_open") == 0 &&
		    parse_count(it->value, 0, INT64_MAX, false, &v) == 0 &&
		    (c->sys->nr_open == PROFILE_UNSET || v > c->sys->nr_open))
			return v;
	}
	return c->sys->nr_open;
}

static int
check_nofile_words(struct checker *c, const struct profile_item *it)
{
	if (strstr(it->value, "unlimited") != NULL || strstr(it->value, "infinity") != NULL)
		return bad(c, it,
			   "%s = %s: nofile cannot be unlimited: the kernel refuses more than "
			   "fs.nr_open, and pam_limits then fails every login",
			   it->key, it->value);
	return 0;
}

static int
check_user(struct checker *c, const struct profile_item *it)
{
	char why[CAUSE_MAX];

	/* the same validator as apply --user */
	if (names_check_limits_domain(it->value, why, sizeof(why)) < 0)
		return bad(c, it, "user = %s: expected a user name, @group or *: %s", it->value,
			   why);
	snprintf(c->p->user, sizeof(c->p->user), "%.*s", (int)sizeof(c->p->user) - 1, it->value);
	return 0;
}

static int
check_profile_item(struct checker *c, const struct profile_item *it)
{
	int64_t v;

	if (strcmp(it->key, "description") == 0) {
		snprintf(c->p->description, sizeof(c->p->description), "%s", it->value);
		return 0;
	}
	if (strcmp(it->key, "target") == 0) {
		if (parse_count(it->value, 1, PLAN_TARGET_MAX, false, &v) < 0)
			return bad(c, it, "target = %s: expected connections, 1..%lld", it->value,
				   PLAN_TARGET_MAX);
		c->p->target = v;
		return 0;
	}
	if (strcmp(it->key, "role") == 0) {
		if (role_parse(it->value, &c->p->role) < 0)
			return bad(c, it, "role = %s: expected client, server or both", it->value);
		c->p->has_role = true;
		return 0;
	}
	return bad(c, it,
		   "unknown key '%s' in [profile] (expected description, include, "
		   "target or role)",
		   it->key);
}

static int
check_limits_item(struct checker *c, const struct profile_item *it)
{
	int err;

	if (strcmp(it->key, "user") == 0)
		return check_user(c, it);
	if (strcmp(it->key, "nofile") == 0) {
		err = check_nofile_words(c, it);
		return err < 0 ? err
			       : parse_pair(c, it, ' ', nr_open_ceiling(c), false, &c->p->nofile);
	}
	if (strcmp(it->key, "nproc") == 0)
		return parse_pair(c, it, ' ', PROFILE_UNSET, true, &c->p->nproc);
	return bad(c, it, "unknown key '%s' in [limits] (expected user, nofile or nproc)", it->key);
}

static int
check_units(struct checker *c, const struct profile_item *it)
{
	char buf[PROFILE_VALUE_MAX], why[CAUSE_MAX], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", it->value);
	for (tok = strtok_r(buf, " \t", &save); tok != NULL; tok = strtok_r(NULL, " \t", &save)) {
		/* the same validator as apply --unit */
		if (names_check_unit(tok, why, sizeof(why)) < 0)
			return bad(c, it, "Unit = %s: %s", it->value, why);
		if (strlen(tok) >= sizeof(c->p->units[0]))
			return bad(c, it, "Unit = %s: '%s' is longer than %zu characters",
				   it->value, tok, sizeof(c->p->units[0]) - 1);
		if (c->p->nunits == PROFILE_UNITS_MAX)
			return bad(c, it, "Unit = %s: more than %d units", it->value,
				   PROFILE_UNITS_MAX);
		snprintf(c->p->units[c->p->nunits++], sizeof(c->p->units[0]), "%s", tok);
	}
	return 0;
}

static int
check_systemd_item(struct checker *c, const struct profile_item *it)
{
	struct profile_limit *dst;
	int err;

	if (strcmp(it->key, "Unit") == 0)
		return check_units(c, it);
	if (strcmp(it->key, "DefaultLimitNOFILE") == 0)
		dst = &c->p->systemd_default;
	else if (strcmp(it->key, "LimitNOFILE") == 0)
		dst = &c->p->systemd_unit;
	else
		return bad(c, it,
			   "unknown key '%s' in [systemd] (expected DefaultLimitNOFILE, "
			   "LimitNOFILE or Unit)",
			   it->key);
	err = check_nofile_words(c, it);
	return err < 0 ? err : parse_pair(c, it, ':', nr_open_ceiling(c), false, dst);
}

static int
check_sysctl_item(struct checker *c, struct profile_item *it)
{
	char cause[CAUSE_MAX], norm[PROFILE_VALUE_MAX];
	const struct sysctlkey *k;

	if (sysctlkey_check_name(it->key, cause, sizeof(cause)) < 0)
		return bad(c, it, "%s", cause);
	k = sysctlkey_find(it->key);
	if (k == NULL && !(c->flags & PROFILE_ALLOW_ANY_SYSCTL))
		return bad(c, it,
			   "sysctl '%s' is not on the allow-list of limit-related keys (see "
			   "headroom-profile(5)); --allow-any-sysctl overrides",
			   it->key);
	if (sysctlkey_check_value(k, it->value, norm, sizeof(norm), cause, sizeof(cause)) < 0)
		return bad(c, it, "%s", cause);
	snprintf(it->value, sizeof(it->value), "%s", norm);
	return 0;
}

static int64_t
sysctl_number(const struct profile *p, const char *key, int *item)
{
	int64_t v;
	int i;

	for (i = 0; i < p->nitems; i++) {
		if (p->items[i].section == PSEC_SYSCTL && strcmp(p->items[i].key, key) == 0) {
			*item = i;
			return parse_i64(p->items[i].value, INT64_MIN, INT64_MAX, &v) == 0
				   ? v
				   : LAUNCHD_UNKNOWN;
		}
	}
	return LAUNCHD_UNKNOWN;
}

static int
check_launchd_item(struct checker *c, const struct profile_item *it)
{
	char cause[CAUSE_MAX];
	struct launchd_limit want;
	int64_t perproc, maxfiles;
	int item;

	if (strcmp(it->key, "maxfiles") != 0)
		return bad(c, it, "unknown key '%s' in [launchd] (expected maxfiles)", it->key);
	if (parse_pair(c, it, ' ', PROFILE_UNSET, true, &c->p->launchd_maxfiles) < 0)
		return -EINVAL;
	want.soft = c->p->launchd_maxfiles.soft;
	want.hard = c->p->launchd_maxfiles.hard;
	perproc = sysctl_number(c->p, "kern.maxfilesperproc", &item);
	maxfiles = sysctl_number(c->p, "kern.maxfiles", &item);
	if (launchd_check_maxfiles(&want, perproc, maxfiles, cause, sizeof(cause)) < 0)
		return bad(c, it, "%s", cause);
	return 0;
}

/* Pairs of sysctls that must be ordered: low <= high. */
static int
check_sysctl_order(struct checker *c, const char *low, const char *high)
{
	int64_t lo, hi;
	int lo_item = -1, hi_item = -1;

	lo = sysctl_number(c->p, low, &lo_item);
	hi = sysctl_number(c->p, high, &hi_item);
	if (lo_item < 0 || hi_item < 0 || lo <= hi)
		return 0;
	return bad(c, &c->p->items[hi_item], "%s %" PRId64 " is below %s %" PRId64, high, hi, low,
		   lo);
}

static int
check_cross(struct checker *c)
{
	static const char *const ordered[][2] = {
	    {"net.inet.ip.portrange.first", "net.inet.ip.portrange.last"},
	    {"net.inet.ip.portrange.hifirst", "net.inet.ip.portrange.hilast"},
	    {"kern.maxfilesperproc", "kern.maxfiles"},
	};
	size_t i;
	int err;

	for (i = 0; i < nitems(ordered); i++) {
		err = check_sysctl_order(c, ordered[i][0], ordered[i][1]);
		if (err < 0)
			return err;
	}
	return 0;
}

int
profile_validate(struct profile *p, const struct profile_system *sys, unsigned flags, char *cause,
		 size_t causelen)
{
	struct checker c = {p, sys, flags, cause, causelen};
	int i, err = 0;

	p->nunits = 0;
	/* sysctls first: their normalised values feed the other checks */
	for (i = 0; i < p->nitems && err == 0; i++) {
		if (p->items[i].section == PSEC_SYSCTL)
			err = check_sysctl_item(&c, &p->items[i]);
	}
	for (i = 0; i < p->nitems && err == 0; i++) {
		const struct profile_item *it = &p->items[i];

		switch (it->section) {
		case PSEC_PROFILE:
			err = check_profile_item(&c, it);
			break;
		case PSEC_LIMITS:
			err = check_limits_item(&c, it);
			break;
		case PSEC_SYSTEMD:
			err = check_systemd_item(&c, it);
			break;
		case PSEC_LAUNCHD:
			err = check_launchd_item(&c, it);
			break;
		case PSEC_SYSCTL:
			break;
		}
	}
	return err < 0 ? err : check_cross(&c);
}

int
profile_load_checked(struct profile *p, const char *name_or_path, unsigned flags, char *cause,
		     size_t causelen)
{
	struct profile_system sys = {.nr_open = PROFILE_UNSET};
	int64_t nr_open;
	int err;

	if (geteuid() == 0)
		flags |= PROFILE_CHECK_OWNER;
	err = profile_load(p, name_or_path, flags, cause, causelen);
	if (err < 0)
		return err;
	if (rootfs_read_sysctl_i64("fs.nr_open", &nr_open) == 0)
		sys.nr_open = nr_open;
	return profile_validate(p, &sys, flags, cause, causelen);
}
