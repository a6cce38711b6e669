/*
 * explain-scan.c: read a log line by line in fixed buffers and count, for
 * each catalogue entry, the lines it explains.
 *
 * Memory does not depend on the input. A line longer than EXPLAIN_LINE_MAX
 * is counted as long and matched on its first EXPLAIN_LINE_MAX bytes, then,
 * if those matched nothing, on its last EXPLAIN_LINE_MAX bytes (a message
 * after a huge payload); the middle is read past without being kept. Any
 * byte may appear in a line (NUL, invalid UTF-8): matching works on bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explain.h"

#define SCAN_BUFFER (1024 * 1024) /* must exceed EXPLAIN_LINE_MAX */
#define TAIL_BUFFER (2 * EXPLAIN_LINE_MAX)

int
explain_scan_init(struct explain_scan *s, const struct explain_engine *e)
{
	memset(s, 0, sizeof(*s));
	s->engine = e;
	s->cap = SCAN_BUFFER;
	s->buf = malloc(s->cap);
	s->tail = malloc(TAIL_BUFFER);
	if (s->buf == NULL || s->tail == NULL) {
		explain_scan_free(s);
		return -ENOMEM;
	}
	return 0;
}

void
explain_scan_free(struct explain_scan *s)
{
	free(s->buf);
	free(s->tail);
	s->buf = NULL;
	s->tail = NULL;
}

static void
record(struct explain_scan *s, int index, const char *line, size_t len)
{
	struct explain_stat *st = &s->stat[index];

	s->matched++;
	st->count++;
	st->last_line = s->lines;
	if (st->count > 1)
		return;
	st->first_line = s->lines;
	st->example_len = len < sizeof(st->example) ? len : sizeof(st->example);
	st->example_cut = len > st->example_len;
	memcpy(st->example, line, st->example_len);
}

/* Match text of the current line; returns the entry index or -1. */
static int
match_text(struct explain_scan *s, const char *text, size_t len)
{
	int index;

	if (len > 0 && text[len - 1] == '\r')
		len--;
	index = explain_match(s->engine, text, len);
	if (index >= 0)
		record(s, index, text, len);
	return index;
}

/* A line held whole in the buffer. */
static void
scan_line(struct explain_scan *s, const char *line, size_t len)
{
	s->lines++;
	if (len <= EXPLAIN_LINE_MAX) {
		match_text(s, line, len);
		return;
	}
	s->long_lines++;
	if (match_text(s, line, EXPLAIN_LINE_MAX) < 0)
		match_text(s, line + len - EXPLAIN_LINE_MAX, EXPLAIN_LINE_MAX);
}

/* Keep the last EXPLAIN_LINE_MAX bytes of a long line, in bounded memory. */
static void
tail_append(struct explain_scan *s, const char *data, size_t len)
{
	if (!s->tail_wanted)
		return;
	if (len >= EXPLAIN_LINE_MAX) {
		data += len - EXPLAIN_LINE_MAX;
		len = EXPLAIN_LINE_MAX;
		s->tail_len = 0;
	}
	if (s->tail_len + len > TAIL_BUFFER) {
		memmove(s->tail, s->tail + s->tail_len - EXPLAIN_LINE_MAX, EXPLAIN_LINE_MAX);
		s->tail_len = EXPLAIN_LINE_MAX;
	}
	memcpy(s->tail + s->tail_len, data, len);
	s->tail_len += len;
}

/* The start of a line too long to hold: match its head now. */
static void
long_line_begin(struct explain_scan *s, const char *line, size_t len)
{
	s->lines++;
	s->long_lines++;
	s->skipping = true;
	s->tail_len = 0;
	s->tail_wanted = match_text(s, line, EXPLAIN_LINE_MAX) < 0;
	tail_append(s, line + EXPLAIN_LINE_MAX, len - EXPLAIN_LINE_MAX);
}

static void
long_line_end(struct explain_scan *s)
{
	size_t n = s->tail_len < EXPLAIN_LINE_MAX ? s->tail_len : EXPLAIN_LINE_MAX;

	if (s->tail_wanted && n > 0)
		match_text(s, s->tail + s->tail_len - n, n);
	s->skipping = false;
	s->tail_wanted = false;
	s->tail_len = 0;
}

/* Match the complete lines in the buffer and keep the unfinished one. */
static void
scan_buffer(struct explain_scan *s)
{
	char *p = s->buf, *end = s->buf + s->len;
	char *nl;
	size_t rest;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (s->skipping) {
			tail_append(s, p, (size_t)(nl - p));
			long_line_end(s);
		} else {
			scan_line(s, p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	rest = (size_t)(end - p);
	if (s->skipping) {
		tail_append(s, p, rest);
		rest = 0;
	} else if (rest > EXPLAIN_LINE_MAX) {
		long_line_begin(s, p, rest);
		rest = 0;
	}
	memmove(s->buf, p, rest);
	s->len = rest;
}

void
explain_scan_feed(struct explain_scan *s, const char *data, size_t len)
{
	while (len > 0) {
		size_t n = s->cap - s->len;

		if (n > len)
			n = len;
		memcpy(s->buf + s->len, data, n);
		s->len += n;
		s->bytes += n;
		data += n;
		len -= n;
		scan_buffer(s);
	}
}

int
explain_scan_fd(struct explain_scan *s, int fd, const char *name, char *cause, size_t causelen)
{
	for (;;) {
		ssize_t n = read(fd, s->buf + s->len, s->cap - s->len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			snprintf(cause, causelen, "read %s: %s", name, strerror(err));
			return -err;
		}
		if (n == 0)
			return 0;
		s->len += (size_t)n;
		s->bytes += (uint64_t)n;
		scan_buffer(s);
	}
}

void
explain_scan_finish(struct explain_scan *s)
{
	if (s->skipping)
		long_line_end(s);
	else if (s->len > 0)
		scan_line(s, s->buf, s->len);
	s->len = 0;
}
