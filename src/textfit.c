/*
 * textfit.c: fit a command's text output to the terminal's width
 * (textfit.h).
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "textfit.h"

/* The columns the bytes line[0, end) take: escape sequences ("\033[1m")
 * and UTF-8 continuation bytes take none. */
static int
visible(const char *line, size_t end)
{
	int col = 0;
	size_t i = 0;

	while (i < end) {
		if (line[i] == '\033') {
			i++;
			while (i < end && !(line[i] >= '@' && line[i] <= '~' && line[i] != '['))
				i++;
			i++;
			continue;
		}
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
		i++;
	}
	return col;
}

/* Where the value of a line starts (a byte offset): after "label: " and
 * its padding when the label ends early in the line, else after the last
 * run of two or more blanks in its first half (a column layout), else
 * after its leading blanks (a paragraph goes on under itself). */
static size_t
value_start(const char *line, size_t len, int width)
{
	size_t lead = strspn(line, " "), i, best = 0;
	int half = width / 2;

	for (i = lead; i + 1 < len && visible(line, i) < half; i++) {
		if (line[i] == ':' && line[i + 1] == ' ') {
			i++;
			while (i < len && line[i] == ' ')
				i++;
			if (i < len && visible(line, i) < half)
				return i;
			break;
		}
	}
	for (i = lead; i + 2 < len && visible(line, i) < half; i++) {
		if (line[i] == ' ' && line[i + 1] == ' ') {
			while (i < len && line[i] == ' ')
				i++;
			if (i < len && visible(line, i) < half)
				best = i;
		}
	}
	return best > 0 ? best : lead;
}

/* A fix's command ("  # now:     sysctl -w ...", "persist (root): ..."):
 * left on one line to be copied whole (a terminal's own wrap keeps a
 * long line one line when selected). */
static bool
is_command(const char *line, size_t len)
{
	static const char *const labels[] = {"now:", "persist:", "now (root):", "persist (root):"};
	size_t i = strspn(line, " "), k;

	if (i + 2 <= len && line[i] == '#' && line[i + 1] == ' ')
		i += 2 + strspn(line + i + 2, " ");
	for (k = 0; k < sizeof(labels) / sizeof(labels[0]); k++) {
		size_t n = strlen(labels[k]);

		if (i + n <= len && memcmp(line + i, labels[k], n) == 0)
			return true;
	}
	return false;
}

void
textfit_line(FILE *out, const char *line, size_t len, int width)
{
	size_t start;
	char *rest;
	int indent;

	if (width <= 0 || visible(line, len) <= width || memchr(line, '\t', len) != NULL ||
	    is_command(line, len)) {
		fprintf(out, "%.*s\n", (int)len, line);
		return;
	}
	start = value_start(line, len, width);
	indent = visible(line, start);
	rest = strndup(line + start, len - start);
	if (rest == NULL) {
		fprintf(out, "%.*s\n", (int)len, line);
		return;
	}
	fwrite(line, 1, start, out);
	report_wrap(out, rest, indent, indent, width);
	free(rest);
}

FILE *
textfit_begin(struct textfit *t, FILE *out, int width)
{
	*t = (struct textfit){.out = out, .width = width};
	if (width > 0)
		t->mem = open_memstream(&t->text, &t->len);
	return t->mem != NULL ? t->mem : out;
}

int
textfit_end(struct textfit *t)
{
	const char *p, *end;

	if (t->mem == NULL)
		return 0;
	if (fclose(t->mem) != 0) {
		free(t->text);
		return -1;
	}
	p = t->text;
	end = t->text + t->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		textfit_line(t->out, p, n, t->width);
		p += n + (nl != NULL);
	}
	free(t->text);
	t->mem = NULL;
	return 0;
}
