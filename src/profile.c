/*
 * profile.c: reading profile files: a strict line parser, include= with
 * cycle detection and a depth limit, and the owner/mode check.
 *
 * The parser is written here rather than taken from libinih: inih reports
 * only the first error's line to the caller (the handler gets no line
 * number in Debian's build), silently splits lines longer than its fixed
 * 200-byte buffer, cannot see NUL bytes (it reads with fgets), and
 * continues values onto indented lines; each of these would let a broken
 * profile through or hide where it is broken.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "headroom.h"
#include "profile.h"

static const char *const section_names[] = {
    [PSEC_PROFILE] = "profile", [PSEC_LIMITS] = "limits",   [PSEC_SYSCTL] = "sysctl",
    [PSEC_SYSTEMD] = "systemd", [PSEC_LAUNCHD] = "launchd",
};

/* State of one file being parsed. */
struct reader {
	struct profile *p;
	unsigned flags;
	int file;    /* index into p->files */
	int depth;   /* include depth of this file */
	int section; /* -1 before the first [section] */
	dev_t chain_dev[PROFILE_INCLUDE_DEPTH + 1];
	ino_t chain_ino[PROFILE_INCLUDE_DEPTH + 1];
	char *cause;
	size_t causelen;
};

static int read_file(struct reader *parent, const char *path, int line, struct profile *p,
		     unsigned flags, char *cause, size_t causelen);

const char *
profile_section_name(enum profile_section s)
{
	return section_names[s];
}

void
profile_init(struct profile *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->nofile.soft = p->nofile.hard = PROFILE_UNSET;
	p->nproc.soft = p->nproc.hard = PROFILE_UNSET;
	p->systemd_default.soft = p->systemd_default.hard = PROFILE_UNSET;
	p->systemd_unit.soft = p->systemd_unit.hard = PROFILE_UNSET;
	p->launchd_maxfiles.soft = p->launchd_maxfiles.hard = PROFILE_UNSET;
	p->nofile.item = p->nproc.item = p->systemd_default.item = -1;
	p->systemd_unit.item = p->launchd_maxfiles.item = -1;
	p->role = ROLE_BOTH;
}

void
profile_origin(const struct profile *p, const struct profile_item *it, char *out, size_t size)
{
	if (it->line == 0 || it->file < 0 || it->file >= p->nfiles)
		snprintf(out, size, "%s", p->name);
	else
		snprintf(out, size, "%s:%d", p->files[it->file], it->line);
}

static int errf(struct reader *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
errf(struct reader *r, int line, const char *fmt, ...)
{
	char msg[CAUSE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(r->cause, r->causelen, "%s:%d: %s", r->p->files[r->file], line, msg);
	return -EINVAL;
}

static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static int
parse_section(struct reader *r, int line, char *s)
{
	size_t len = strlen(s), i;

	if (s[len - 1] != ']')
		return errf(r, line, "section header without ']': %s", s);
	s[len - 1] = '\0';
	s = trim(s + 1);
	for (i = 0; i < nitems(section_names); i++) {
		if (strcmp(s, section_names[i]) == 0) {
			r->section = (int)i;
			return 0;
		}
	}
	return errf(r, line,
		    "unknown section [%s] (expected profile, limits, sysctl, systemd or "
		    "launchd)",
		    s);
}

static struct profile_item *
find_item(struct profile *p, enum profile_section section, const char *key)
{
	int i;

	for (i = 0; i < p->nitems; i++) {
		if (p->items[i].section == section && strcmp(p->items[i].key, key) == 0)
			return &p->items[i];
	}
	return NULL;
}

int
profile_set(struct profile *p, enum profile_section section, const char *key, const char *value)
{
	struct profile_item *it = find_item(p, section, key);

	if (strlen(key) >= PROFILE_KEY_MAX || strlen(value) >= PROFILE_VALUE_MAX)
		return -ENAMETOOLONG;
	if (it == NULL) {
		if (p->nitems == PROFILE_ITEMS_MAX)
			return -ENOSPC;
		it = &p->items[p->nitems++];
	}
	it->section = section;
	snprintf(it->key, sizeof(it->key), "%s", key);
	snprintf(it->value, sizeof(it->value), "%s", value);
	it->file = -1;
	it->line = 0;
	return 0;
}

bool
profile_is_path(const char *s)
{
	size_t len = strlen(s);

	return strchr(s, '/') != NULL || (len > 5 && strcmp(s + len - 5, ".conf") == 0);
}

/* Where an include names a file: a path is relative to the including
 * file; a bare name is looked up beside it first, then in the profile
 * directories. */
static int
resolve_include(struct reader *r, int line, const char *value, char *path, size_t size)
{
	char copy[PATH_MAX], dir[PATH_MAX], cause[CAUSE_MAX];
	int n;

	snprintf(copy, sizeof(copy), "%s", r->p->files[r->file]);
	snprintf(dir, sizeof(dir), "%s", dirname(copy)); /* dirname may write into copy */
	if (profile_is_path(value)) {
		n = value[0] == '/' ? snprintf(path, size, "%s", value)
				    : snprintf(path, size, "%s/%s", dir, value);
		return n > 0 && (size_t)n < size ? 0 : errf(r, line, "include path too long");
	}
	n = snprintf(path, size, "%s/%s.conf", dir, value);
	if (n > 0 && (size_t)n < size && access(path, F_OK) == 0)
		return 0;
	if (profile_find(value, path, size, cause, sizeof(cause)) == 0)
		return 0;
	return errf(r, line,
		    "include: no profile named '%s' beside this file or in the profile "
		    "directories (see headroom profiles)",
		    value);
}

static int
valid_name(const char *s)
{
	if (*s == '\0' || *s == '-')
		return 0;
	for (; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.' || *s == '/'))
			return 0;
	}
	return 1;
}

static int
parse_include(struct reader *r, int line, const char *value)
{
	char path[PATH_MAX];
	int err;

	if (!valid_name(value))
		return errf(r, line, "include: bad profile name or path '%s'", value);
	if (r->depth >= PROFILE_INCLUDE_DEPTH)
		return errf(r, line, "include: nested deeper than %d levels (at '%s')",
			    PROFILE_INCLUDE_DEPTH, value);
	err = resolve_include(r, line, value, path, sizeof(path));
	if (err < 0)
		return err;
	return read_file(r, path, line, r->p, r->flags, r->cause, r->causelen);
}

static int
parse_assignment(struct reader *r, int line, char *s)
{
	char *eq = strchr(s, '='), *key, *value;
	struct profile_item *it;

	/* Before the first [section] this may be any file (sudo headroom
	 * profiles /etc/shadow): its bytes are never quoted back. */
	if (r->section < 0)
		return errf(r, line,
			    "not a profile: expected '[section]' before any 'key = value' "
			    "(the line is not shown)");
	if (eq == NULL)
		return errf(r, line, "expected 'key = value' or '[section]', got '%.80s'", s);
	*eq = '\0';
	key = trim(s);
	value = trim(eq + 1);
	if (*key == '\0')
		return errf(r, line, "missing key before '='");
	if (strlen(key) >= PROFILE_KEY_MAX)
		return errf(r, line, "key too long: '%.80s'", key);
	if (*value == '\0')
		return errf(r, line, "empty value for '%s'", key);
	if (strlen(value) >= PROFILE_VALUE_MAX)
		return errf(r, line, "value of '%s' too long (limit %d bytes)", key,
			    PROFILE_VALUE_MAX - 1);
	if (r->section == PSEC_PROFILE && strcmp(key, "include") == 0)
		return parse_include(r, line, value);

	it = find_item(r->p, (enum profile_section)r->section, key);
	if (it != NULL && it->file == r->file)
		return errf(r, line, "duplicate key '%s' (first set on line %d)", key, it->line);
	if (it == NULL) {
		if (r->p->nitems == PROFILE_ITEMS_MAX)
			return errf(r, line, "too many settings (limit %d)", PROFILE_ITEMS_MAX);
		it = &r->p->items[r->p->nitems++];
	}
	/* An include's value is overridden by a later line: last one wins. */
	it->section = (enum profile_section)r->section;
	snprintf(it->key, sizeof(it->key), "%s", key);
	snprintf(it->value, sizeof(it->value), "%s", value);
	it->file = r->file;
	it->line = line;
	return 0;
}

static int
check_line_bytes(struct reader *r, int line, const char *s, size_t len)
{
	size_t i;

	if (len > PROFILE_LINE_MAX)
		return errf(r, line, "line longer than %d bytes", PROFILE_LINE_MAX);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\0')
			return errf(r, line, "NUL byte in line");
		if ((c < 0x20 && c != '\t' && !(c == '\r' && i == len - 1)) || c == 0x7f)
			return errf(r, line, "control character 0x%02x in line", c);
	}
	return 0;
}

static int
parse_text(struct reader *r, const char *text, size_t len)
{
	char buf[PROFILE_LINE_MAX + 1];
	const char *p = text, *end = text + len, *nl;
	int line = 0, err;
	size_t n;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		line++;
		err = check_line_bytes(r, line, p, n);
		if (err < 0)
			return err;
		memcpy(buf, p, n);
		buf[n] = '\0';
		p += n + 1;

		char *s = trim(buf);

		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		err = *s == '[' ? parse_section(r, line, s) : parse_assignment(r, line, s);
		if (err < 0)
			return err;
	}
	return 0;
}

static int
check_owner(const char *path, const struct stat *st, char *cause, size_t causelen)
{
	if (st->st_uid != 0) {
		snprintf(cause, causelen,
			 "%s: owned by uid %u, not root: refusing a profile another user can "
			 "change (chown root %s)",
			 path, (unsigned)st->st_uid, path);
		return -EPERM;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(cause, causelen,
			 "%s: writable by group or others (mode %04o): refusing it (chmod go-w %s)",
			 path, (unsigned)(st->st_mode & 07777), path);
		return -EPERM;
	}
	return 0;
}

static int
slurp(int fd, const char *path, char **text, size_t *len, char *cause, size_t causelen)
{
	size_t cap = PROFILE_FILE_MAX + 1;
	ssize_t n;

	*text = malloc(cap);
	*len = 0;
	if (*text == NULL)
		return -ENOMEM;
	while ((n = read(fd, *text + *len, cap - *len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(cause, causelen, "%s: %s", path, strerror(errno));
			return -EIO;
		}
		*len += (size_t)n;
		if (*len == cap) {
			snprintf(cause, causelen, "%s: larger than %d KiB: not a profile", path,
				 PROFILE_FILE_MAX / 1024);
			return -EINVAL;
		}
	}
	return 0;
}

static int
add_file(struct reader *parent, struct profile *p, const char *path, int line, char *cause,
	 size_t causelen)
{
	if (p->nfiles == PROFILE_FILES_MAX) {
		if (parent != NULL)
			return errf(parent, line, "too many included files (limit %d)",
				    PROFILE_FILES_MAX);
		return -EINVAL;
	}
	snprintf(p->files[p->nfiles], sizeof(p->files[0]), "%s", path);
	(void)cause;
	(void)causelen;
	return p->nfiles++;
}

static int
enter_chain(struct reader *r, struct reader *parent, const struct stat *st, int line)
{
	int i;

	if (parent != NULL) {
		memcpy(r->chain_dev, parent->chain_dev, sizeof(r->chain_dev));
		memcpy(r->chain_ino, parent->chain_ino, sizeof(r->chain_ino));
		for (i = 0; i <= parent->depth; i++) {
			if (parent->chain_dev[i] == st->st_dev &&
			    parent->chain_ino[i] == st->st_ino)
				return errf(
				    parent, line,
				    "include cycle: '%s' is already being read (it includes "
				    "itself, directly or through others)",
				    r->p->files[r->file]);
		}
	}
	r->chain_dev[r->depth] = st->st_dev;
	r->chain_ino[r->depth] = st->st_ino;
	return 0;
}

static int
parse_file_text(struct reader *parent, struct profile *p, const char *path, const struct stat *st,
		const char *text, size_t len, int line, unsigned flags, char *cause,
		size_t causelen)
{
	struct reader r = {
	    .p = p,
	    .flags = flags,
	    .depth = parent != NULL ? parent->depth + 1 : 0,
	    .section = -1,
	    .cause = cause,
	    .causelen = causelen,
	};
	int err;

	r.file = add_file(parent, p, path, line, cause, causelen);
	if (r.file < 0)
		return r.file;
	err = enter_chain(&r, parent, st, line);
	if (err < 0)
		return err;
	return parse_text(&r, text, len);
}

static int
read_file(struct reader *parent, const char *path, int line, struct profile *p, unsigned flags,
	  char *cause, size_t causelen)
{
	struct stat st;
	size_t len;
	char *text = NULL;
	int fd, err;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		if (parent != NULL)
			return errf(parent, line, "include '%s': %s", path, strerror(-err));
		snprintf(cause, causelen, "%s: %s", path, strerror(-err));
		return err;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(cause, causelen, "%s: not a regular file", path);
		return -EINVAL;
	}
	err = (flags & PROFILE_CHECK_OWNER) ? check_owner(path, &st, cause, causelen) : 0;
	if (err == 0)
		err = slurp(fd, path, &text, &len, cause, causelen);
	close(fd);
	if (err == 0)
		err =
		    parse_file_text(parent, p, path, &st, text, len, line, flags, cause, causelen);
	free(text);
	return err;
}

static void
name_from_path(struct profile *p, const char *path)
{
	const char *base = strrchr(path, '/');
	char *dot;

	snprintf(p->name, sizeof(p->name), "%s", base != NULL ? base + 1 : path);
	dot = strrchr(p->name, '.');
	if (dot != NULL && strcmp(dot, ".conf") == 0)
		*dot = '\0';
}

int
profile_load(struct profile *p, const char *name_or_path, unsigned flags, char *cause,
	     size_t causelen)
{
	char path[PATH_MAX];
	int err;

	profile_init(p, "");
	if (profile_is_path(name_or_path)) {
		snprintf(path, sizeof(path), "%s", name_or_path);
	} else {
		err = profile_find(name_or_path, path, sizeof(path), cause, causelen);
		if (err < 0)
			return err;
	}
	name_from_path(p, path);
	return read_file(NULL, path, 0, p, flags, cause, causelen);
}

int
profile_load_text(struct profile *p, const char *file, const char *text, size_t len, unsigned flags,
		  char *cause, size_t causelen)
{
	struct stat st = {0};

	profile_init(p, "");
	name_from_path(p, file);
	return parse_file_text(NULL, p, file, &st, text, len, 0, flags, cause, causelen);
}

void
profile_limit_str(int64_t v, char *out, size_t size)
{
	if (v == PROFILE_INFINITY)
		snprintf(out, size, "unlimited");
	else
		snprintf(out, size, "%lld", (long long)v);
}
