/*
 * layer.c: the layer set and the names of verdicts and scopes.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "headroom.h"
#include "layer.h"

void
layer_set_init(struct layer_set *set)
{
	set->n = 0;
}

struct layer *
layer_add(struct layer_set *set, enum layer_kind kind)
{
	const struct layer_desc *d = &layer_descs[kind];
	struct layer *l;

	if (set->n >= nitems(set->v))
		return NULL;
	l = &set->v[set->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->title = d->title;
	l->scope = d->scope;
	l->unit = d->unit;
	l->limit = LAYER_NONE;
	l->use = LAYER_NONE;
	l->need = LAYER_NONE;
	l->supports = LAYER_UNLIMITED;
	l->recommend = LAYER_NONE;
	l->verdict = VERDICT_OK;
	l->floor = VERDICT_OK;
	l->caps_now = d->scope != SCOPE_SESSION;
	return l;
}

struct layer *
layer_find(struct layer_set *set, enum layer_kind kind, pid_t pid)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (set->v[i].kind == kind && set->v[i].pid == pid)
			return &set->v[i];
	}
	return NULL;
}

const char *
layer_id(const struct layer *l)
{
	return layer_kind_id(l->kind);
}

static void
note_vappend(struct layer *l, const char *fmt, va_list ap)
{
	size_t len = strlen(l->note);

	if (len > 0 && len + 1 < sizeof(l->note))
		l->note[len++] = '\n';
	if (len + 1 < sizeof(l->note))
		vsnprintf(l->note + len, sizeof(l->note) - len, fmt, ap);
}

void
layer_unknown(struct layer *l, const char *fmt, ...)
{
	va_list ap;

	l->verdict = VERDICT_UNKNOWN;
	l->floor = VERDICT_UNKNOWN;
	l->limit = LAYER_NONE;
	va_start(ap, fmt);
	note_vappend(l, fmt, ap);
	va_end(ap);
}

void
layer_note(struct layer *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	note_vappend(l, fmt, ap);
	va_end(ap);
}

const char *
verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_OK:
		return "ok";
	case VERDICT_WARN:
		return "warn";
	case VERDICT_FAIL:
		return "fail";
	case VERDICT_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *
scope_name(enum layer_scope s)
{
	switch (s) {
	case SCOPE_PROCESS:
		return "process";
	case SCOPE_USER:
		return "user";
	case SCOPE_SYSTEM:
		return "system";
	case SCOPE_NETNS:
		return "netns";
	case SCOPE_CGROUP:
		return "cgroup";
	case SCOPE_APPLICATION:
		return "application";
	case SCOPE_SESSION:
		break;
	}
	return "session";
}

int
verdict_exit_status(enum verdict v)
{
	switch (v) {
	case VERDICT_OK:
		return EXIT_OK;
	case VERDICT_WARN:
		return EXIT_WARN;
	case VERDICT_FAIL:
		return EXIT_FAIL;
	case VERDICT_UNKNOWN:
		break;
	}
	return EXIT_UNKNOWN;
}
