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

/*
 * The head of every JSON document: {"schema":N,"kind":KIND,"host":...,
 * "version":...,"generated_at":"2026-01-31T12:00:00Z" -- without the
 * closing brace; the caller goes on with ",\"key\":...". kind names the
 * document's JSON Schema (schema/KIND.schema.json); host is the machine's
 * name (under --root, the tree's /etc/hostname when it has one), so
 * documents from many hosts merge without a wrapper.
 */
void json_doc_begin(FILE *f, const char *kind, int schema);

/* The host name json_doc_begin writes, into buf (size bytes). */
const char *json_host(char *buf, size_t size);

#endif
