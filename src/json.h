/*
 * json.h: a small JSON writer for the machine outputs (check, verify,
 * explain, census). Output only: strings are escaped, invalid UTF-8 is
 * replaced, so any input bytes give valid JSON.
 */
#ifndef JSON_H
#define JSON_H

#include <stdint.h>
#include <stdio.h>

/* Write s as a quoted, escaped JSON string ("null" for NULL). */
void json_string(FILE *f, const char *s);

/* Write a layer figure: a number, "unlimited", or null (LAYER_NONE). */
void json_figure(FILE *f, int64_t v);

#endif
