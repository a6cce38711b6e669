/*
 * json.c: JSON string escaping and figures.
 */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "layer.h"
#include "rootfs.h"

/* Length of a valid UTF-8 sequence at p (1-4), or 0 when invalid. */
static int
utf8_len(const unsigned char *p)
{
	int len, i;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0 && p[0] >= 0xc2)
		len = 2;
	else if ((p[0] & 0xf0) == 0xe0)
		len = 3;
	else if ((p[0] & 0xf8) == 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	}
	/* Overlong three-byte forms and UTF-16 surrogates are not valid. */
	if (len == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0)))
		return 0;
	if (len == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90)))
		return 0;
	return len;
}

void
json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	while (*p != '\0') {
		int len = utf8_len(p);

		if (*p == '"' || *p == '\\') {
			fputc('\\', f);
			fputc(*p, f);
		} else if (*p == '\n') {
			fputs("\\n", f);
		} else if (*p == '\t') {
			fputs("\\t", f);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(f, "\\u%04x", *p);
		} else if (len == 0) {
			fputs("\\ufffd", f);
			len = 1;
		} else {
			fwrite(p, 1, (size_t)len, f);
		}
		p += len > 0 ? len : 1;
	}
	fputc('"', f);
}

void
json_figure(FILE *f, int64_t v)
{
	if (v == LAYER_UNLIMITED)
		fputs("\"unlimited\"", f);
	else if (v == LAYER_NONE)
		fputs("null", f);
	else
		fprintf(f, "%" PRId64, v);
}

const char *
json_host(char *buf, size_t size)
{
	ssize_t n = -1;

	/* An audited image names itself; the machine otherwise. */
	if (!rootfs_is_live())
		n = rootfs_read("/etc/hostname", buf, size);
	if (n > 0) {
		buf[strcspn(buf, " \t\r\n")] = '\0';
		if (buf[0] != '\0')
			return buf;
	}
	if (gethostname(buf, size) != 0)
		snprintf(buf, size, "unknown");
	buf[size - 1] = '\0';
	return buf;
}

void
json_doc_begin(FILE *f, const char *kind, int schema)
{
	char host[256], when[32];
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(when, sizeof(when), "1970-01-01T00:00:00Z");
	fprintf(f, "{\"schema\":%d,\"kind\":", schema);
	json_string(f, kind);
	fputs(",\"host\":", f);
	json_string(f, json_host(host, sizeof(host)));
	fputs(",\"version\":", f);
	json_string(f, PACKAGE_VERSION);
	fprintf(f, ",\"generated_at\":\"%s\"", when);
}
