/*
 * changeset-json.c: a change set as JSON, for apply --format json and
 * history --format json (schema/apply.schema.json, history.schema.json).
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "changeset.h"
#include "json.h"

/* A sysctl's value as text without its trailing newline ("" when none). */
static void
json_value(FILE *f, bool exists, const char *data, size_t len)
{
	char buf[256];

	if (!exists || data == NULL) {
		fputs("null", f);
		return;
	}
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == ' '))
		len--;
	snprintf(buf, sizeof(buf), "%.*s", (int)(len < sizeof(buf) ? len : sizeof(buf) - 1), data);
	json_string(f, buf);
}

void
changeset_json_change(FILE *f, const struct change *c)
{
	char line[PATH_MAX + 64];
	bool sysctl = c->kind == CHANGE_SYSCTL;

	change_describe(c, line, sizeof(line));
	fputs("{\"kind\":", f);
	json_string(f, change_kind_name(c->kind));
	fputs(",\"target\":", f);
	json_string(f, c->target);
	fputs(",\"origin\":", f);
	json_string(f, c->origin[0] != '\0' ? c->origin : NULL);
	fputs(",\"old\":", f);
	json_value(f, sysctl && c->old.exists, c->old.data, c->old.len);
	fputs(",\"new\":", f);
	json_value(f, sysctl && c->new_exists, c->new_data, c->new_len);
	fputs(",\"description\":", f);
	json_string(f, line);
	fputc('}', f);
}

void
changeset_json_changes(FILE *f, const struct changeset *cs)
{
	size_t i;

	fputc('[', f);
	for (i = 0; i < cs->n; i++) {
		fputs(i > 0 ? ",\n" : "\n", f);
		changeset_json_change(f, &cs->v[i]);
	}
	fputc(']', f);
}
