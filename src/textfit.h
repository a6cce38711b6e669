/*
 * textfit.h: a command's text output fitted to the terminal's width.
 * Lines that fit are written as they are; a longer line is broken at
 * blanks with a hanging indent under its value (after "label: ", or after
 * the last run of blanks that separates its leading columns), so a fix,
 * a summary or an explanation reads in 80 columns. Figures are words and
 * are never cut. Lines holding a tab (fields for cut and awk) and a fix's
 * command ("now:", "persist:", after an optional "# ") are left whole, to
 * be copied.
 */
#ifndef TEXTFIT_H
#define TEXTFIT_H

#include <stddef.h>
#include <stdio.h>

struct textfit {
	FILE *out; /* where the fitted text goes */
	FILE *mem; /* what the command writes, when fitting; else NULL */
	char *text;
	size_t len;
	int width;
};

/* The stream a command writes its text to: out itself when width is 0
 * (any width: a pipe without $COLUMNS), else a buffer textfit_end fits
 * into out. */
FILE *textfit_begin(struct textfit *t, FILE *out, int width);
/* Write what was buffered, fitted, to out. Returns 0, or -1 when the
 * buffer could not be written (out's error then tells). */
int textfit_end(struct textfit *t);

/* One line (without its newline) fitted into width columns. */
void textfit_line(FILE *out, const char *line, size_t len, int width);

#endif
