/*
 * names.c: name validation shared by the command line, profiles and the
 * journal; see names.h.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "names.h"

void
names_quote(const char *in, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, shown = 0;
	const unsigned char *s = (const unsigned char *)in;

	if (size == 0)
		return;
	for (; *s != '\0' && o + 5 < size; s++, shown++) {
		if (shown == 60) {
			if (o + 4 < size)
				memcpy(out + o, "...", 3), o += 3;
			break;
		}
		if (*s < 0x20 || *s == 0x7f || *s == '\\') {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[*s >> 4];
			out[o++] = hex[*s & 15];
		} else {
			out[o++] = (char)*s;
		}
	}
	out[o] = '\0';
}

/* Say why name is refused, quoting it safely; returns -EINVAL. */
static int
refuse(const char *what, const char *name, const char *why, char *cause, size_t causelen)
{
	char shown[80];

	names_quote(name, shown, sizeof(shown));
	snprintf(cause, causelen, "%s%s'%s' %s", what, what[0] != '\0' ? " " : "", shown, why);
	return -EINVAL;
}

/* systemd's VALID_CHARS for unit names. */
static bool
unit_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ':' || c == '-' || c == '_' || c == '.' || c == '\\';
}

int
names_check_unit(const char *name, char *cause, size_t causelen)
{
	static const char suffix[] = ".service";
	const char *at = strchr(name, '@'), *s;
	size_t len = strlen(name), slen = sizeof(suffix) - 1;
	const char *what = "unit";

	if (len == 0)
		return refuse(what, name, "is empty: expected NAME.service", cause, causelen);
	if (len > NAMES_UNIT_MAX)
		return refuse(what, name, "is longer than 255 characters", cause, causelen);
	for (s = name; *s != '\0'; s++) {
		if (!unit_char(*s) && !(*s == '@' && s == at))
			return refuse(what, name,
				      "is not a unit name (allowed: A-Z a-z 0-9 : - _ . \\ and "
				      "one @)",
				      cause, causelen);
	}
	if (len <= slen || strcmp(name + len - slen, suffix) != 0)
		return refuse(what, name, "is not a service name (NAME.service)", cause, causelen);
	/* a prefix is needed; a leading dot would make a hidden drop-in dir */
	if (name[0] == '.' || name[0] == '@')
		return refuse(what, name, "has no name before .service or @", cause, causelen);
	return 0;
}

/* shadow-utils' is_valid_name: [a-z_][a-z0-9_.-]*[$]?, not all digits,
 * not "." or "..". */
static int
check_account(const char *what, const char *name, char *cause, size_t causelen)
{
	const char *s;
	bool digits = true;

	if (name[0] == '\0')
		return refuse(what, name, "is empty", cause, causelen);
	if (strlen(name) > NAMES_USER_MAX)
		return refuse(what, name, "is longer than 32 characters", cause, causelen);
	if (!((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
		goto bad;
	for (s = name; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || *s == '_' || *s == '.' || *s == '-')
			digits = false;
		else if (*s == '$' && s[1] == '\0' && s != name)
			digits = false;
		else if (!(*s >= '0' && *s <= '9'))
			goto bad;
	}
	if (digits)
		goto bad;
	return 0;
bad:
	return refuse(what, name,
		      "is not a valid name (shadow-utils: a lower-case letter or _, then "
		      "a-z 0-9 _ . -, optionally ending in $)",
		      cause, causelen);
}

int
names_check_user(const char *name, char *cause, size_t causelen)
{
	return check_account("user", name, cause, causelen);
}

int
names_check_group(const char *name, char *cause, size_t causelen)
{
	return check_account("group", name, cause, causelen);
}

int
names_check_limits_domain(const char *domain, char *cause, size_t causelen)
{
	if (strcmp(domain, "*") == 0)
		return 0;
	if (domain[0] == '@')
		return names_check_group(domain + 1, cause, causelen);
	return names_check_user(domain, cause, causelen);
}

int
names_check_sysctl_key(const char *key, char *cause, size_t causelen)
{
	const char *s, *what = "sysctl key";

	if (strlen(key) > NAMES_SYSCTL_MAX)
		return refuse(what, key, "is longer than 255 characters", cause, causelen);
	if (strchr(key, '/') != NULL || strstr(key, "..") != NULL)
		return refuse(what, key, "holds '/' or '..': refused", cause, causelen);
	for (s = key; *s != '\0'; s++) {
		char why[64];

		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		    *s == '.' || *s == '-')
			continue;
		if ((unsigned char)*s > 0x20 && *s != 0x7f)
			snprintf(why, sizeof(why), "holds '%c': only [a-z0-9_.-] is allowed", *s);
		else
			snprintf(why, sizeof(why),
				 "holds a control character or blank: only "
				 "[a-z0-9_.-] is allowed");
		return refuse(what, key, why, cause, causelen);
	}
	if (key[0] == '.' || key[0] == '\0' || key[strlen(key) - 1] == '.' ||
	    strchr(key, '.') == NULL)
		return refuse("", key, "is not a sysctl key (like net.core.somaxconn)", cause,
			      causelen);
	return 0;
}
