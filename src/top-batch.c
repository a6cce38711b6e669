/*
 * top-batch.c: one frame of `headroom top --batch` (see top-batch.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include "top-batch.h"
#include "top-render.h"

int
top_batch_frame(FILE *out, const struct top_sample *s, int width)
{
	struct top_line lines[TOP_FIXED_LINES], line;
	struct top_row rows[TOP_BODY_ROWS_MAX];
	size_t i, n;

	top_render_header(s, width, false, lines);
	top_render_counters(s, width, lines + TOP_HEADER_LINES);
	for (i = 0; i < TOP_FIXED_LINES; i++)
		fprintf(out, "%s\n", lines[i].text);
	n = top_render_rows(s, rows);
	for (i = 0; i < n; i++) {
		top_render_row(s, &rows[i], width, &line);
		fprintf(out, "%s\n", line.text);
	}
	fputc('\n', out);
	if (fflush(out) == EOF || ferror(out))
		return errno != 0 ? -errno : -EIO;
	return 0;
}
