/*
 * launchd.c: launchctl and sysctl output parsing, macOS ceilings and the
 * LaunchDaemon plist; see launchd.h.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "launchd.h"
#include "parse.h"

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static const char *
skip_word(const char *s)
{
	while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\n')
		s++;
	return s;
}

/* The word at s: "unlimited" or a non-negative number. */
static int
parse_value(const char *s, int64_t *out)
{
	size_t len = (size_t)(skip_word(s) - s);
	char word[32];

	if (strncmp(s, "unlimited", 9) == 0) {
		*out = LAUNCHD_UNLIMITED;
		return 0;
	}
	if (len >= sizeof(word))
		return -EINVAL;
	memcpy(word, s, len);
	word[len] = '\0';
	return parse_i64(word, 0, INT64_MAX, out) < 0 ? -EINVAL : 0;
}

int
launchd_parse_limit(const char *text, const char *name, struct launchd_limit *out)
{
	size_t namelen = strlen(name);
	const char *line, *p;

	for (line = text; line != NULL && *line != '\0';) {
		p = skip_blanks(line);
		if (strncmp(p, name, namelen) == 0 && (p[namelen] == ' ' || p[namelen] == '\t')) {
			p = skip_blanks(p + namelen);
			if (parse_value(p, &out->soft) < 0)
				return -EINVAL;
			p = skip_blanks(skip_word(p));
			if (parse_value(p, &out->hard) < 0)
				return -EINVAL;
			return 0;
		}
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	return -ENOENT;
}

int
launchd_parse_sysctl(const char *text, const char *key, int64_t *out)
{
	size_t keylen;
	const char *line, *p;

	if (key == NULL)
		return parse_value(skip_blanks(text), out) == 0 && *out != LAUNCHD_UNLIMITED
			   ? 0
			   : -EINVAL;
	keylen = strlen(key);
	for (line = text; line != NULL && *line != '\0';) {
		/* "key: value" from sysctl(8), "key=value" from sysctl.conf */
		if (strncmp(line, key, keylen) == 0 &&
		    (line[keylen] == ':' || line[keylen] == '=' || line[keylen] == ' ')) {
			p = skip_blanks(line + keylen);
			if (*p == ':' || *p == '=')
				p = skip_blanks(p + 1);
			return parse_value(p, out) == 0 && *out != LAUNCHD_UNLIMITED ? 0 : -EINVAL;
		}
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	return -ENOENT;
}

static void
value_str(int64_t v, char *buf, size_t size)
{
	if (v == LAUNCHD_UNLIMITED)
		snprintf(buf, size, "unlimited");
	else
		snprintf(buf, size, "%" PRId64, v);
}

int
launchd_check_maxfiles(const struct launchd_limit *want, int64_t maxfilesperproc, int64_t maxfiles,
		       char *cause, size_t causelen)
{
	char hard[32];

	value_str(want->hard, hard, sizeof(hard));
	if (want->soft == LAUNCHD_UNLIMITED) {
		snprintf(cause, causelen,
			 "maxfiles soft limit cannot be unlimited: macOS setrlimit refuses "
			 "RLIM_INFINITY for it (use a number, at most OPEN_MAX %d with an "
			 "unlimited hard limit)",
			 LAUNCHD_OPEN_MAX);
		return -ERANGE;
	}
	if (want->soft > want->hard) {
		snprintf(cause, causelen,
			 "maxfiles soft limit %" PRId64 " exceeds the hard limit %s", want->soft,
			 hard);
		return -ERANGE;
	}
	if (maxfilesperproc != LAUNCHD_UNKNOWN) {
		if (want->soft > maxfilesperproc ||
		    (want->hard != LAUNCHD_UNLIMITED && want->hard > maxfilesperproc)) {
			snprintf(cause, causelen,
				 "maxfiles %" PRId64 " %s exceeds kern.maxfilesperproc %" PRId64
				 ": macOS clamps it silently (raise kern.maxfilesperproc too)",
				 want->soft, hard, maxfilesperproc);
			return -ERANGE;
		}
	} else if (want->hard == LAUNCHD_UNLIMITED && want->soft > LAUNCHD_OPEN_MAX) {
		snprintf(cause, causelen,
			 "maxfiles soft limit %" PRId64 " with an unlimited hard limit exceeds "
			 "OPEN_MAX %d: set a numeric hard limit and kern.maxfilesperproc",
			 want->soft, LAUNCHD_OPEN_MAX);
		return -ERANGE;
	}
	return launchd_check_kern(maxfilesperproc, maxfiles, cause, causelen);
}

int
launchd_check_kern(int64_t maxfilesperproc, int64_t maxfiles, char *cause, size_t causelen)
{
	if (maxfilesperproc != LAUNCHD_UNKNOWN && maxfiles != LAUNCHD_UNKNOWN &&
	    maxfilesperproc > maxfiles) {
		snprintf(cause, causelen,
			 "kern.maxfilesperproc %" PRId64 " exceeds kern.maxfiles %" PRId64
			 " (sysctl refuses it)",
			 maxfilesperproc, maxfiles);
		return -ERANGE;
	}
	return 0;
}

void
launchd_limit_command(const struct launchd_limit *want, char *buf, size_t size)
{
	char soft[32], hard[32];

	value_str(want->soft, soft, sizeof(soft));
	value_str(want->hard, hard, sizeof(hard));
	snprintf(buf, size, "launchctl limit maxfiles %s %s", soft, hard);
}

int
launchd_plist(const struct launchd_limit *want, char *buf, size_t size)
{
	char soft[32], hard[32];
	int n;

	value_str(want->soft, soft, sizeof(soft));
	value_str(want->hard, hard, sizeof(hard));
	n = snprintf(buf, size,
		     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
		     "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
		     "<!-- Written by headroom apply; undo with headroom revert. -->\n"
		     "<plist version=\"1.0\">\n"
		     "<dict>\n"
		     "\t<key>Label</key>\n"
		     "\t<string>%s</string>\n"
		     "\t<key>ProgramArguments</key>\n"
		     "\t<array>\n"
		     "\t\t<string>/bin/launchctl</string>\n"
		     "\t\t<string>limit</string>\n"
		     "\t\t<string>maxfiles</string>\n"
		     "\t\t<string>%s</string>\n"
		     "\t\t<string>%s</string>\n"
		     "\t</array>\n"
		     "\t<key>RunAtLoad</key>\n"
		     "\t<true/>\n"
		     "\t<key>ServiceIPC</key>\n"
		     "\t<false/>\n"
		     "</dict>\n"
		     "</plist>\n",
		     LAUNCHD_LABEL, soft, hard);
	return n < 0 || (size_t)n >= size ? -ENOSPC : n;
}
