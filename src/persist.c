/*
 * persist.c: merging settings into the files apply manages; systemd
 * drop-ins. See persist.h.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "headroom.h"
#include "persist.h"

#define BLOCK_BEGIN "# BEGIN headroom (managed by headroom apply; undo with headroom revert)\n"
#define BLOCK_END   "# END headroom\n"
#define HEADER                                                                                     \
	"# Written by headroom apply; undo with headroom revert. Each apply keeps\n"               \
	"# the keys of earlier ones and overrides those it sets again.\n"

/* Split one of our lines into key and value; false for comments/blanks. */
static bool
split_line(enum persist_format fmt, const char *line, size_t len, struct persist_line *out)
{
	char tmp[512], *p, *words[4], *save = NULL;
	int n = 0;

	if (len >= sizeof(tmp))
		return false;
	memcpy(tmp, line, len);
	tmp[len] = '\0';
	p = tmp + strspn(tmp, " \t");
	if (*p == '#' || *p == ';' || *p == '\0')
		return false;
	if (fmt == PERSIST_LIMITS) {
		for (p = strtok_r(p, " \t", &save); p != NULL && n < 4;
		     p = strtok_r(NULL, " \t", &save))
			words[n++] = p;
		if (n != 4)
			return false;
		snprintf(out->key, sizeof(out->key), "%s\t%s\t%s", words[0], words[1], words[2]);
		snprintf(out->value, sizeof(out->value), "%s", words[3]);
		return true;
	}
	char *eq = strchr(p, '=');

	if (eq == NULL)
		return false;
	*eq = '\0';
	p[strcspn(p, " \t")] = '\0';
	eq++;
	eq += strspn(eq, " \t");
	eq[strcspn(eq, "\r\n")] = '\0';
	snprintf(out->key, sizeof(out->key), "%s", p);
	snprintf(out->value, sizeof(out->value), "%s", eq);
	return true;
}

static void
render_line(enum persist_format fmt, FILE *f, const struct persist_line *l)
{
	fprintf(f, "%s%s%s\n", l->key,
		fmt == PERSIST_SYSCTL	? " = "
		: fmt == PERSIST_LIMITS ? "\t"
					: "=",
		l->value);
}

/* One of the comment lines persist_merge writes itself at the top. */
static bool
own_header_line(const char *line, size_t len)
{
	static const char *const own[] = {
	    "# Written by headroom apply; undo with headroom revert. Each apply keeps",
	    "# the keys of earlier ones and overrides those it sets again.",
	    "# <domain>\t<type>\t<item>\t<value>",
	};
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		if (strlen(own[i]) == len && memcmp(own[i], line, len) == 0)
			return true;
	}
	return false;
}

/* The index in set of key, or n. */
static size_t
find_key(const struct persist_line *set, size_t n, const char *key)
{
	size_t j;

	for (j = 0; j < n && strcmp(set[j].key, key) != 0; j++)
		;
	return j;
}

/*
 * The old region line by line, each setting of set replacing the first
 * line of its key (later lines of that key would override it, so they go);
 * every other line is kept as it was, comments and lines headroom cannot
 * parse included: nothing of someone else's is dropped. Then the settings
 * that were not there yet.
 */
static int
merge_lines(enum persist_format fmt, const char *region, size_t rlen,
	    const struct persist_line *set, size_t n, FILE *f)
{
	const char *p = region, *end = region + rlen, *nl;
	struct persist_line cur;
	bool *used = calloc(n + 1, sizeof(*used));
	size_t j;

	if (used == NULL)
		return -ENOMEM;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		if (own_header_line(p, len)) {
			/* written again at the top */
		} else if (split_line(fmt, p, len, &cur) && (j = find_key(set, n, cur.key)) < n) {
			if (!used[j])
				render_line(fmt, f, &set[j]);
			used[j] = true;
		} else {
			fprintf(f, "%.*s\n", (int)len, p);
		}
		p += len + 1;
	}
	for (j = 0; j < n; j++) {
		if (!used[j])
			render_line(fmt, f, &set[j]);
	}
	free(used);
	return 0;
}

/* Our block of /etc/sysctl.conf, between the markers; the rest as it was. */
static int
merge_darwin(const char *old, const struct persist_line *set, size_t n, FILE *f)
{
	const char *begin = strstr(old, BLOCK_BEGIN);
	const char *end = begin != NULL ? strstr(begin, BLOCK_END) : NULL;
	const char *after;
	int err;

	if (begin == NULL || end == NULL) {
		begin = end = after = old + strlen(old);
	} else {
		after = end + strlen(BLOCK_END);
	}
	fwrite(old, 1, (size_t)(begin - old), f);
	if (begin > old && begin[-1] != '\n')
		fputc('\n', f);
	fputs(BLOCK_BEGIN, f);
	if (begin != end)
		begin += strlen(BLOCK_BEGIN);
	err = merge_lines(PERSIST_SYSCTL_DARWIN, begin, (size_t)(end - begin), set, n, f);
	fputs(BLOCK_END, f);
	fputs(after, f);
	return err;
}

int
persist_merge(enum persist_format fmt, const char *old, const struct persist_line *set, size_t n,
	      char **out, size_t *outlen)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int err;

	if (f == NULL)
		return -ENOMEM;
	if (old == NULL)
		old = "";
	if (fmt == PERSIST_SYSCTL_DARWIN) {
		err = merge_darwin(old, set, n, f);
	} else {
		fputs(HEADER, f);
		if (fmt == PERSIST_LIMITS)
			fputs("# <domain>\t<type>\t<item>\t<value>\n", f);
		err = merge_lines(fmt, old, strlen(old), set, n, f);
	}
	err = fsutil_close_stream(f, err);
	if (err < 0) {
		free(text);
		return err;
	}
	*out = text;
	*outlen = len;
	return 0;
}

int
persist_unit_dropin_path(const char *unit, char *buf, size_t size)
{
	int n = snprintf(buf, size, PERSIST_UNIT_DIR "%s.d/" PERSIST_FILE_NAME, unit);

	/* UNIT.d must be a file name: a unit of 254 or 255 characters (valid
	 * for systemd) has no drop-in directory */
	if (strlen(unit) + 2 > NAME_MAX)
		return -ENAMETOOLONG;
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int
persist_dropin_unit(const char *path, char *unit, size_t size)
{
	static const char dir[] = PERSIST_UNIT_DIR, tail[] = ".d/" PERSIST_FILE_NAME;
	size_t len = strlen(path), n;

	if (len <= strlen(dir) + strlen(tail) || strncmp(path, dir, strlen(dir)) != 0 ||
	    strcmp(path + len - strlen(tail), tail) != 0)
		return -EINVAL;
	n = len - strlen(dir) - strlen(tail);
	if (memchr(path + strlen(dir), '/', n) != NULL)
		return -EINVAL;
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(unit, path + strlen(dir), n);
	unit[n] = '\0';
	return 0;
}

int
persist_systemd_dropin(const char *unit, const char *value, char *buf, size_t size)
{
	int n;

	if (unit == NULL)
		n = snprintf(buf, size,
			     "# Written by headroom apply; undo with headroom revert.\n"
			     "# Takes effect for services started after: systemctl daemon-reexec\n"
			     "[Manager]\nDefaultLimitNOFILE=%s\n",
			     value);
	else
		n = snprintf(buf, size,
			     "# Written by headroom apply; undo with headroom revert.\n"
			     "# Takes effect after: systemctl daemon-reload && systemctl restart "
			     "%s\n[Service]\nLimitNOFILE=%s\n",
			     unit, value);
	return n < 0 || (size_t)n >= size ? -ENOSPC : n;
}
