/*
 * explain-list.c: the catalogue as explain --list shows it, grouped by
 * family (servers, runtimes, load tools, admin tools, kernel, generic):
 * a header per family, then one line per pattern, or one JSON object.
 */
#include "config.h"

#include <string.h>

#include "explain-output.h"
#include "headroom.h"
#include "json.h"

/* Entries of a family, in priority order: count, or visit. */
static size_t
family_count(const char *family)
{
	size_t i, n = explain_catalog_size(), count = 0;

	for (i = 0; i < n; i++)
		count += strcmp(explain_entry_family(i), family) == 0;
	return count;
}

void
explain_list_text(FILE *f)
{
	size_t fam, i, k, n = explain_catalog_size();

	for (fam = 0; fam < explain_nfamilies; fam++) {
		const struct explain_family *family = &explain_families[fam];

		fprintf(f, "%s# %s (%zu signatures): %s\n", fam > 0 ? "\n" : "", family->id,
			family_count(family->id), family->title);
		for (i = 0; i < n; i++) {
			const struct explain_entry *e = explain_entry(i);

			if (strcmp(explain_entry_family(i), family->id) != 0)
				continue;
			for (k = 0; k < EXPLAIN_PATTERNS_PER_ENTRY && e->patterns[k] != NULL; k++)
				fprintf(f, "%s\t%s\t%s\n", e->id, e->cause, e->patterns[k]);
		}
	}
}

static void
json_field(FILE *f, const char *name, const char *value, bool first)
{
	fprintf(f, "%s\"%s\":", first ? "" : ",", name);
	json_string(f, value);
}

static void
json_candidates(FILE *f, const struct explain_entry *e)
{
	struct explain_candidate cand[EXPLAIN_CANDIDATES_PER_ENTRY];
	size_t n = explain_candidates(e, cand), k;

	fputs(",\"candidates\":[", f);
	for (k = 0; k < n; k++) {
		fputs(k > 0 ? ",{" : "{", f);
		json_field(f, "cause", cand[k].cause, true);
		json_field(f, "tells", cand[k].tells, false);
		json_field(f, "confirm", cand[k].confirm, false);
		fputc('}', f);
	}
	fputc(']', f);
}

static void
json_patterns(FILE *f, const struct explain_entry *e)
{
	char ere[1024];
	size_t k;

	fputs(",\"patterns\":[", f);
	for (k = 0; k < EXPLAIN_PATTERNS_PER_ENTRY && e->patterns[k] != NULL; k++) {
		fputs(k > 0 ? ",{" : "{", f);
		json_field(f, "pattern", e->patterns[k], true);
		json_field(f, "ere",
			   explain_pattern_to_ere(e->patterns[k], ere, sizeof(ere)) == 0 ? ere
											 : NULL,
			   false);
		fputc('}', f);
	}
	fputc(']', f);
}

void
explain_list_json(FILE *f)
{
	size_t fam, i, n = explain_catalog_size();
	bool first = true;

	json_doc_begin(f, "explain", EXPLAIN_SCHEMA);
	fputs(",\"families\":[", f);
	for (fam = 0; fam < explain_nfamilies; fam++) {
		fputs(fam > 0 ? ",{" : "{", f);
		json_field(f, "id", explain_families[fam].id, true);
		json_field(f, "title", explain_families[fam].title, false);
		fprintf(f, ",\"signatures\":%zu}", family_count(explain_families[fam].id));
	}
	fputs("],\"signatures\":[", f);
	for (fam = 0; fam < explain_nfamilies; fam++) {
		for (i = 0; i < n; i++) {
			const struct explain_entry *e = explain_entry(i);

			if (strcmp(explain_entry_family(i), explain_families[fam].id) != 0)
				continue;
			fputs(first ? "\n{" : ",\n{", f);
			first = false;
			json_field(f, "signature", e->id, true);
			json_field(f, "family", explain_families[fam].id, false);
			json_field(f, "cause", e->cause, false);
			json_field(f, "layer", explain_cause_is_layer(e->cause) ? e->cause : NULL,
				   false);
			json_field(f, "also", e->also, false);
			json_field(f, "title", e->title, false);
			json_field(f, "runtimes", e->runtimes, false);
			json_field(f, "why", e->why, false);
			json_field(f, "confirm", e->confirm, false);
			json_field(f, "fix", e->fix, false);
			fprintf(f, ",\"priority\":%zu", i);
			json_candidates(f, e);
			json_patterns(f, e);
			fputc('}', f);
		}
	}
	fputs("\n]}\n", f);
}
