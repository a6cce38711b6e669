/*
 * explain-clean.c: a pasted or logged line as its message reads: JSON
 * string escapes decoded (a message inside a JSON log record, or a log
 * record inside another one, as docker and Kubernetes write them) and
 * terminal colour sequences removed.
 *
 * The matcher tries a line as it is first; only a line that matched
 * nothing and holds an escape (ESC or a backslash) is cleaned and tried
 * again, so a plain log costs two memchr per line and nothing more.
 */
#include "parse.h"
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "explain-clean.h"

bool
explain_clean_wanted(const char *line, size_t len)
{
	return memchr(line, '\033', len) != NULL || memchr(line, '\\', len) != NULL;
}

/* \uXXXX at s (s[0] is 'u'); the code point, or -1. */
static long
unicode_escape(const char *s, size_t avail)
{
	long cp = 0;
	size_t i;

	if (avail < 5)
		return -1;
	for (i = 1; i <= 4; i++) {
		int v = parse_hex_digit(s[i]);

		if (v < 0)
			return -1;
		cp = cp * 16 + v;
	}
	return cp;
}

/* Write a code point as UTF-8; a surrogate half becomes '?'. */
static size_t
put_utf8(char *out, long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff) {
		out[0] = '?';
		return 1;
	}
	out[0] = (char)(0xe0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

/* One pass of JSON unescaping; unknown escapes are kept as they are (a
 * Windows path is not JSON). The output is never longer than the input. */
static size_t
unescape(const char *in, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		char c = in[i];
		long cp;

		if (c != '\\' || i + 1 == len) {
			out[o++] = c;
			i++;
			continue;
		}
		switch (in[i + 1]) {
		case '"':
		case '\\':
		case '/':
		case '\'':
			out[o++] = in[i + 1];
			i += 2;
			continue;
		case 'n':
		case 'r':
		case 't':
			out[o++] = ' ';
			i += 2;
			continue;
		case 'u':
			cp = unicode_escape(in + i + 1, len - i - 1);
			if (cp >= 0) {
				o += put_utf8(out + o, cp);
				i += 6;
				continue;
			}
			break;
		case 'x':
			/* \x1b as Python and journald print an escape byte */
			if (i + 3 < len && parse_hex_digit(in[i + 2]) >= 0 &&
			    parse_hex_digit(in[i + 3]) >= 0) {
				out[o++] = (char)(parse_hex_digit(in[i + 2]) * 16 +
						  parse_hex_digit(in[i + 3]));
				i += 4;
				continue;
			}
			break;
		default:
			break;
		}
		out[o++] = c;
		i++;
	}
	return o;
}

/* Remove ESC sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or
 * ESC \), and two-byte ones. In place. */
static size_t
strip_escapes(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (s[i] != '\033') {
			s[o++] = s[i++];
			continue;
		}
		i++;
		if (i < len && s[i] == '[') {
			for (i++; i < len &&
				  !((unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7e);
			     i++)
				;
			i += i < len;
		} else if (i < len && s[i] == ']') {
			for (i++; i < len && s[i] != '\007' && s[i] != '\033'; i++)
				;
			i += i < len && s[i] == '\007';
			i += i + 1 < len && s[i] == '\033' && s[i + 1] == '\\' ? 2 : 0;
		} else if (i < len) {
			i++;
		}
	}
	return o;
}

size_t
explain_clean(const char *line, size_t len, char *out)
{
	size_t n = unescape(line, len, out), pass;

	/* A record logged inside another one escapes twice: \\\" */
	for (pass = 0; pass < 2 && memchr(out, '\\', n) != NULL; pass++) {
		size_t m = unescape(out, n, out);

		if (m == n)
			break;
		n = m;
	}
	return strip_escapes(out, n);
}
