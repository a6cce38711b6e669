/*
 * parse.c: parsers for /proc text files (see parse.h).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "layer.h"
#include "parse.h"

/* Find `word` at the start of a line; returns the line or NULL. */
static const char *
find_line(const char *text, const char *word)
{
	size_t len = strlen(word);
	const char *p = text;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, word, len) == 0)
			return p;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return NULL;
}

static int
parse_number(const char **pp, int64_t *out)
{
	const char *p = *pp;
	char *end;
	long long v;

	while (*p == ' ' || *p == '\t')
		p++;
	errno = 0;
	v = strtoll(p, &end, 10);
	if (end == p || errno != 0)
		return -EINVAL;
	*out = v;
	*pp = end;
	return 0;
}

int
parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *digits = s[0] == '-' ? s + 1 : s;
	char *end;
	long long v;

	/* strtoll alone accepts " 12", "+5" and "0x10" is 0 then "x10". */
	if (!isdigit((unsigned char)digits[0]))
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int
parse_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
parse_limit_value(const char *text, int64_t *out)
{
	const char *p = text;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "unlimited", 9) == 0 || strncmp(p, "infinity", 8) == 0 ||
	    strncmp(p, "max", 3) == 0) {
		*out = LAYER_UNLIMITED;
		return 0;
	}
	return parse_number(&p, out);
}

static const char *
skip_field(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
		p++;
	return p;
}

int
parse_proc_limits(const char *text, const char *row, struct rlimit_pair *out)
{
	const char *line = find_line(text, row);
	const char *p;

	if (line == NULL)
		return -ENOENT;
	/* Columns are fixed-width: the name takes 26 characters. */
	p = line + strlen(row);
	while (*p != '\0' && *p != '\n' && !isdigit((unsigned char)*p) &&
	       strncmp(p, "unlimited", 9) != 0)
		p++;
	if (parse_limit_value(p, &out->soft) < 0)
		return -EINVAL;
	p = skip_field(p);
	if (parse_limit_value(p, &out->hard) < 0)
		return -EINVAL;
	return 0;
}

int
parse_keyed_i64(const char *text, const char *key, int64_t *out)
{
	const char *p = text;
	size_t len = strlen(key);

	while ((p = find_line(p, key)) != NULL) {
		if (p[len] == ':') {
			p += len + 1;
			return parse_number(&p, out);
		}
		p += len;
	}
	return -ENOENT;
}

/* Index of `name` among the space-separated fields after "proto:". */
static int
field_index(const char *line, const char *name)
{
	size_t len = strlen(name);
	const char *p = strchr(line, ':');
	int i = 0;

	if (p == NULL)
		return -1;
	p++;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0' || *p == '\n')
			return -1;
		if (strncmp(p, name, len) == 0 &&
		    (p[len] == ' ' || p[len] == '\n' || p[len] == '\0'))
			return i;
		p = skip_field(p);
		i++;
	}
}

int
parse_netstat(const char *text, const char *proto, const char *name, int64_t *out)
{
	char prefix[32];
	const char *header, *values, *p;
	int idx, i;

	if (strlen(proto) + 2 > sizeof(prefix))
		return -EINVAL;
	strcpy(prefix, proto);
	strcat(prefix, ":");
	for (p = text; (header = find_line(p, prefix)) != NULL; p = values) {
		values = strchr(header, '\n');
		if (values == NULL)
			return -EINVAL;
		values++;
		if (strncmp(values, prefix, strlen(prefix)) != 0)
			return -EINVAL;
		idx = field_index(header, name);
		if (idx < 0) {
			/* Look for the next header after this pair's value line. */
			values = strchr(values, '\n');
			if (values == NULL)
				break;
			continue;
		}
		p = values + strlen(prefix);
		for (i = 0; i < idx; i++)
			p = skip_field(p);
		return parse_number(&p, out);
	}
	return -ENOENT;
}

int
parse_sockstat(const char *text, const char *proto, const char *name, int64_t *out)
{
	char prefix[32];
	const char *line, *p;
	size_t len = strlen(name);

	if (strlen(proto) + 2 > sizeof(prefix))
		return -EINVAL;
	strcpy(prefix, proto);
	strcat(prefix, ":");
	line = find_line(text, prefix);
	if (line == NULL)
		return -ENOENT;
	for (p = line + strlen(prefix); *p != '\0' && *p != '\n';) {
		while (*p == ' ')
			p++;
		if (strncmp(p, name, len) == 0 && p[len] == ' ') {
			p += len;
			return parse_number(&p, out);
		}
		p = skip_field(p);
	}
	return -ENOENT;
}

int
parse_slab_objsize(const char *text, const char *name, int64_t *out)
{
	const char *p = text;
	size_t len = strlen(name);
	int i;

	while ((p = find_line(p, name)) != NULL) {
		if (p[len] == ' ') {
			/* name active_objs num_objs objsize ... */
			p += len;
			for (i = 0; i < 2; i++)
				p = skip_field(p);
			return parse_number(&p, out);
		}
		p += len;
	}
	return -ENOENT;
}

int
parse_i64_list(const char *text, int64_t *values, int max)
{
	const char *p = text;
	int n = 0;

	while (n < max) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		if (parse_number(&p, &values[n]) < 0)
			return -EINVAL;
		n++;
	}
	return n;
}

int64_t
parse_reserved_ports(const char *text, int64_t lo, int64_t hi)
{
	/* A port listed twice or in overlapping ranges is reserved once. */
	uint8_t seen[65536 / 8] = {0};
	const char *p = text;
	int64_t a, b, port, count = 0;

	for (;;) {
		while (*p == ' ' || *p == '\n' || *p == ',')
			p++;
		if (*p == '\0')
			return count;
		if (parse_number(&p, &a) < 0 || a < 0 || a > 65535)
			return -EINVAL;
		b = a;
		if (*p == '-') {
			p++;
			if (parse_number(&p, &b) < 0 || b < a || b > 65535)
				return -EINVAL;
		}
		for (port = a > lo ? a : lo; port <= b && port <= hi; port++) {
			if ((seen[port / 8] & (1u << (port % 8))) == 0) {
				seen[port / 8] |= (uint8_t)(1u << (port % 8));
				count++;
			}
		}
	}
}
