/*
 * top-batch.h: `headroom top --batch`, frames as plain text (like top -b)
 * for logs and CI: the same rows as the live view, without colour.
 */
#ifndef TOP_BATCH_H
#define TOP_BATCH_H

#include <stdio.h>

#include "top-sampler.h"

/* Write one frame of width columns followed by a blank line. Returns 0 or
 * -errno when out could not be written (EPIPE, ENOSPC). */
int top_batch_frame(FILE *out, const struct top_sample *s, int width);

#endif
