/*
 * limitsconf.c: pam_limits' view of limits.conf and limits.d (see
 * limitsconf.h). Parsing and resolution are pure; only limitsconf_load
 * and limitsconf_pam_enabled read files, through rootfs, and
 * limitsconf_lookup_user asks the platform (libc) for the user.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confdir.h"
#include "limitsconf.h"
#include "parse.h"
#include "platform.h"
#include "rootfs.h"

/* pam_limits' source ranks. */
enum { RANK_USER = 0, RANK_GROUP = 1, RANK_DEFAULT = 4, RANK_NONE = 6 };

#define FILE_MAX (256 * 1024)

/* One buffer for whole files: not reentrant, and nothing to allocate. */
static char file_buf[FILE_MAX];

static const char *const known_items[] = {
    "core",  "data",	   "fsize",    "memlock",   "nofile",	    "rss",	  "stack",
    "cpu",   "nproc",	   "as",       "maxlogins", "maxsyslogins", "nonewprivs", "priority",
    "locks", "sigpending", "msgqueue", "nice",	    "rtprio",	    "rttime",	  "chroot",
};

static void
value_init(struct limitsconf_value *v)
{
	v->value = LAYER_NONE;
	v->rank = RANK_NONE;
	v->where[0] = '\0';
}

void
limitsconf_init(struct limitsconf *lc)
{
	memset(lc, 0, sizeof(*lc));
	value_init(&lc->nofile_soft);
	value_init(&lc->nofile_hard);
	value_init(&lc->nproc_soft);
	value_init(&lc->nproc_hard);
}

static void __attribute__((format(printf, 5, 6)))
lint(struct limitsconf *lc, enum verdict severity, const char *file, int line, const char *fmt, ...)
{
	struct limitsconf_lint *l;
	va_list ap;
	int n;

	if (lc->nlint >= LIMITSCONF_LINT_MAX) {
		lc->lint_omitted++;
		return;
	}
	l = &lc->lint[lc->nlint++];
	l->severity = severity;
	/* line 0: about the whole file */
	n = line > 0 ? snprintf(l->msg, sizeof(l->msg), "%s:%d: ", file, line)
		     : snprintf(l->msg, sizeof(l->msg), "%s: ", file);
	if (n < 0 || (size_t)n >= sizeof(l->msg))
		return;
	va_start(ap, fmt);
	vsnprintf(l->msg + n, sizeof(l->msg) - (size_t)n, fmt, ap);
	va_end(ap);
}

static bool
item_known(const char *item)
{
	size_t i;

	for (i = 0; i < sizeof(known_items) / sizeof(known_items[0]); i++) {
		if (strcmp(known_items[i], item) == 0)
			return true;
	}
	return false;
}

static bool
in_group_named(const struct limitsconf_user *u, const char *group)
{
	size_t i;

	for (i = 0; i < u->ngroups; i++) {
		if (strcmp(u->groups[i], group) == 0)
			return true;
	}
	return false;
}

static bool
in_group_id(const struct limitsconf_user *u, gid_t gid)
{
	size_t i;

	for (i = 0; i < u->ngroups; i++) {
		if (u->gids[i] == gid)
			return true;
	}
	return false;
}

/* "min:max", ":id", "min:" ranges; returns false when not a range. */
static bool
parse_range(const char *s, unsigned long *lo, unsigned long *hi, bool *bad)
{
	const char *colon = strchr(s, ':');
	char *end;

	*bad = false;
	if (colon == NULL)
		return false;
	*lo = 0;
	*hi = (unsigned long)-1;
	if (s != colon) {
		*lo = strtoul(s, &end, 10);
		if (end != colon)
			*bad = true;
	}
	if (colon[1] != '\0') {
		*hi = strtoul(colon + 1, &end, 10);
		if (*end != '\0')
			*bad = true;
		if (s == colon)
			*lo = *hi;
	} else if (s == colon) {
		*bad = true;
	}
	return true;
}

/* The rank at which a domain applies to the user, or -1. */
static int
domain_rank(const char *domain, const struct limitsconf_user *u, bool *bad_range)
{
	unsigned long lo, hi;
	bool range;

	*bad_range = false;
	if (strcmp(domain, u->name) == 0)
		return RANK_USER;
	if (domain[0] == '@' || domain[0] == '%') {
		const char *g = domain + 1;
		range = parse_range(g, &lo, &hi, bad_range);
		if (*bad_range)
			return -1;
		if (domain[0] == '%') /* only maxlogins: never a limit we read */
			return -1;
		if (!range)
			return in_group_named(u, g) ? RANK_GROUP : -1;
		if (g[0] == ':')
			return in_group_id(u, (gid_t)hi) ? RANK_GROUP : -1;
		return (u->gid >= lo && u->gid <= hi) ? RANK_GROUP : -1;
	}
	if (strcmp(domain, "*") == 0)
		return RANK_DEFAULT;
	range = parse_range(domain, &lo, &hi, bad_range);
	if (range && !*bad_range && u->uid >= lo && u->uid <= hi)
		return RANK_USER;
	return -1;
}

static void
set_value(struct limitsconf_value *v, int64_t value, int rank, const char *file, int line)
{
	if (v->rank < rank)
		return;
	v->value = value;
	v->rank = rank;
	snprintf(v->where, sizeof(v->where), "%s:%d", file, line);
}

/* Parse a value as pam_limits does; "unlimited" nofile means fs.nr_open. */
static int
parse_value(const char *s, int64_t *out)
{
	if (strcmp(s, "-1") == 0 || strcmp(s, "-") == 0 || strcmp(s, "unlimited") == 0 ||
	    strcmp(s, "infinity") == 0) {
		*out = LAYER_UNLIMITED;
		return 0;
	}
	/* pam_limits reads the value with strtol, which takes a '+'. */
	return parse_i64(s[0] == '+' ? s + 1 : s, 0, INT64_MAX, out) < 0 ? -EINVAL : 0;
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void
check_nofile_ceiling(struct limitsconf *lc, const char *file, int line, int64_t value,
		     int64_t nr_open)
{
	if (nr_open > 0 && value != LAYER_UNLIMITED && value > nr_open)
		lint(lc, VERDICT_FAIL, file, line,
		     "nofile %lld is above fs.nr_open (%lld): setrlimit refuses it and the "
		     "login fails",
		     (long long)value, (long long)nr_open);
}

static void
apply_entry(struct limitsconf *lc, int rank, const char *type, const char *item, int64_t value,
	    const char *file, int line)
{
	bool soft = strcmp(type, "soft") == 0 || strcmp(type, "-") == 0;
	bool hard = strcmp(type, "hard") == 0 || strcmp(type, "-") == 0;

	if (strcmp(item, "nofile") == 0) {
		if (soft)
			set_value(&lc->nofile_soft, value, rank, file, line);
		if (hard)
			set_value(&lc->nofile_hard, value, rank, file, line);
	} else if (strcmp(item, "nproc") == 0) {
		if (soft)
			set_value(&lc->nproc_soft, value, rank, file, line);
		if (hard)
			set_value(&lc->nproc_hard, value, rank, file, line);
	}
}

static void
feed_line(struct limitsconf *lc, const struct limitsconf_user *user, const char *file, int lineno,
	  char *line, int64_t nr_open)
{
	char *fields[5] = {NULL}, *save = NULL, *hash;
	int64_t value;
	int n = 0, rank;
	bool bad_range;

	hash = strchr(line, '#');
	if (hash != NULL)
		*hash = '\0';
	for (char *tok = strtok_r(line, " \t\r", &save); tok != NULL && n < 5;
	     tok = strtok_r(NULL, " \t\r", &save))
		fields[n++] = tok;
	if (n == 0)
		return;
	if (n == 2 && strcmp(fields[1], "-") == 0) {
		if (domain_rank(fields[0], user, &bad_range) >= 0)
			lc->no_limits = true;
		return;
	}
	if (n != 4) {
		lint(lc, VERDICT_WARN, file, lineno,
		     "malformed line (expected <domain> <type> <item> <value>): pam_limits skips "
		     "it");
		return;
	}
	lower(fields[1]);
	lower(fields[2]);
	lower(fields[3]);
	rank = domain_rank(fields[0], user, &bad_range);
	if (bad_range) {
		lint(lc, VERDICT_WARN, file, lineno, "invalid uid/gid range '%s': skipped",
		     fields[0]);
		return;
	}
	if (strcmp(fields[1], "soft") != 0 && strcmp(fields[1], "hard") != 0 &&
	    strcmp(fields[1], "-") != 0) {
		lint(lc, VERDICT_WARN, file, lineno, "unknown type '%s' (soft, hard or -)",
		     fields[1]);
		return;
	}
	if (!item_known(fields[2])) {
		lint(lc, VERDICT_WARN, file, lineno, "unknown item '%s'%s", fields[2],
		     strncmp(fields[2], "nofile", 6) == 0 || strcmp(fields[2], "openfiles") == 0
			 ? " (did you mean nofile?)"
			 : "");
		return;
	}
	if (parse_value(fields[3], &value) < 0) {
		lint(lc, VERDICT_WARN, file, lineno, "bad value '%s' for %s", fields[3], fields[2]);
		return;
	}
	/* core is in KiB; a five-digit core limit is almost always meant for nofile. */
	if (strcmp(fields[2], "core") == 0 && value != LAYER_UNLIMITED && value >= 4096)
		lint(lc, VERDICT_WARN, file, lineno,
		     "'%s %s core %s' limits core dump size, not open files (did you mean "
		     "nofile?)",
		     fields[0], fields[1], fields[3]);
	if (strcmp(fields[2], "nofile") == 0)
		check_nofile_ceiling(lc, file, lineno, value, nr_open);
	if (rank >= 0)
		apply_entry(lc, rank, fields[1], fields[2], value, file, lineno);
}

void
limitsconf_feed(struct limitsconf *lc, const struct limitsconf_user *user, const char *file,
		const char *text, int64_t nr_open)
{
	char line[1024];
	const char *p = text;
	int lineno = 0;

	lc->files++;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);

		lineno++;
		if (len >= sizeof(line)) {
			lint(lc, VERDICT_WARN, file, lineno, "line too long: skipped");
		} else {
			memcpy(line, p, len);
			line[len] = '\0';
			feed_line(lc, user, file, lineno, line, nr_open);
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
check_soft_hard(struct limitsconf *lc, const char *item, const struct limitsconf_value *soft,
		const struct limitsconf_value *hard)
{
	if (soft->value == LAYER_NONE || hard->value == LAYER_NONE)
		return;
	if (soft->value > hard->value) {
		char file[160], value[24];
		char *colon;
		int line = 0;

		/* An unlimited soft value is above any hard one: name it so. */
		if (soft->value == LAYER_UNLIMITED)
			snprintf(value, sizeof(value), "unlimited");
		else
			snprintf(value, sizeof(value), "%lld", (long long)soft->value);
		snprintf(file, sizeof(file), "%s", soft->where);
		colon = strrchr(file, ':');
		if (colon != NULL) {
			*colon = '\0';
			line = atoi(colon + 1);
		}
		lint(lc, VERDICT_WARN, file, line,
		     "soft %s %s is above the hard limit %lld (%s): the session gets the hard "
		     "limit",
		     item, value, (long long)hard->value, hard->where);
	}
}

void
limitsconf_finish(struct limitsconf *lc)
{
	check_soft_hard(lc, "nofile", &lc->nofile_soft, &lc->nofile_hard);
	check_soft_hard(lc, "nproc", &lc->nproc_soft, &lc->nproc_hard);
}

static void
feed_file(struct limitsconf *lc, const struct limitsconf_user *user, const char *path, char *buf,
	  int64_t nr_open)
{
	ssize_t n = rootfs_read_whole(path, buf, FILE_MAX);

	if (n >= 0)
		limitsconf_feed(lc, user, path, buf, nr_open);
	else if (n == -EFBIG) /* pam_limits reads it all: what it sets is not known */
		lint(lc, VERDICT_WARN, path, 0, "larger than %d bytes: not read (refused, not cut)",
		     FILE_MAX - 1);
	else if (n != -ENOENT)
		lint(lc, VERDICT_WARN, path, 0, "not read: %s", rootfs_strerror((int)n));
}

int
limitsconf_load(struct limitsconf *lc, const struct limitsconf_user *user, int64_t nr_open)
{
	static const char *const dir = "/etc/security/limits.d";
	static struct confdir_file files[256];
	size_t n = confdir_list(&dir, 1, rootfs_opendir, files, 256), i;
	char path[512];

	feed_file(lc, user, "/etc/security/limits.conf", file_buf, nr_open);
	if (n == CONFDIR_TOO_MANY) {
		lint(lc, VERDICT_WARN, dir, 0, "more than %zu files: not read (refused, not cut)",
		     sizeof(files) / sizeof(files[0]));
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, files[i].name) < (int)sizeof(path))
			feed_file(lc, user, path, file_buf, nr_open);
	}
	limitsconf_finish(lc);
	return 0;
}

int
limitsconf_user_add_group(struct limitsconf_user *u, const char *group, gid_t gid)
{
	char **groups, *copy;
	gid_t *gids;

	for (size_t i = 0; i < u->ngroups; i++) {
		if (u->gids[i] == gid && strcmp(u->groups[i], group) == 0)
			return 0; /* the primary group is also listed by name */
	}
	groups = realloc(u->groups, (u->ngroups + 1) * sizeof(*groups));
	if (groups == NULL)
		return -ENOMEM;
	u->groups = groups;
	gids = realloc(u->gids, (u->ngroups + 1) * sizeof(*gids));
	if (gids == NULL)
		return -ENOMEM;
	u->gids = gids;
	copy = strdup(group);
	if (copy == NULL)
		return -ENOMEM;
	u->groups[u->ngroups] = copy;
	u->gids[u->ngroups++] = gid;
	return 0;
}

void
limitsconf_user_free(struct limitsconf_user *u)
{
	for (size_t i = 0; i < u->ngroups; i++)
		free(u->groups[i]);
	free(u->groups);
	free(u->gids);
	u->groups = NULL;
	u->gids = NULL;
	u->ngroups = 0;
}

int
limitsconf_lookup_user(const char *name, struct limitsconf_user *u, char *cause, size_t causelen)
{
	int err;

	memset(u, 0, sizeof(*u));
	if (strlen(name) >= sizeof(u->name)) {
		snprintf(cause, causelen, "user name longer than %zu bytes", sizeof(u->name) - 1);
		return -ENAMETOOLONG;
	}
	err = platform_user_lookup(name, u, cause, causelen);
	if (err < 0)
		limitsconf_user_free(u);
	return err;
}

/* Is "session ... pam_limits.so" active in this PAM file? */
static bool
pam_file_has_limits(const char *text)
{
	const char *line = text;

	while (line != NULL && *line != '\0') {
		const char *p = line, *nl = strchr(line, '\n');
		size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "session", 7) == 0 && (p[7] == ' ' || p[7] == '\t')) {
			const char *hit = strstr(p, "pam_limits.so");
			if (hit != NULL && (size_t)(hit - line) < len)
				return true;
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
	return false;
}

bool
limitsconf_pam_enabled(char *where, size_t wherelen)
{
	/* Debian/Ubuntu, then Red Hat/SUSE, then per-service stacks. */
	static const char *const stacks[] = {
	    "/etc/pam.d/common-session",
	    "/etc/pam.d/system-auth",
	    "/etc/pam.d/password-auth",
	    "/etc/pam.d/common-session-noninteractive",
	    "/etc/pam.d/login",
	    "/etc/pam.d/sshd",
	    "/etc/pam.d/su",
	    "/etc/pam.d/sudo",
	};
	char *buf = file_buf;
	size_t i;
	bool any = false;
	ssize_t n;

	for (i = 0; i < sizeof(stacks) / sizeof(stacks[0]); i++) {
		n = rootfs_read(stacks[i], buf, FILE_MAX);
		if (n < 0 && n != -ENOENT && !any) {
			/* said unless a later stack answers */
			snprintf(where, wherelen, "%s: %s", stacks[i], rootfs_strerror((int)n));
			any = true;
		}
		if (n < 0)
			continue;
		if (!any)
			snprintf(where, wherelen, "%s", stacks[i]);
		any = true;
		if (pam_file_has_limits(buf)) {
			snprintf(where, wherelen, "%s", stacks[i]);
			return true;
		}
	}
	if (!any)
		snprintf(where, wherelen, "no PAM session stack found under /etc/pam.d");
	return false;
}
