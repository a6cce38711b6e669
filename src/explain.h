/*
 * explain.h: from an error message to the limit behind it.
 *
 * The catalogue is data, one file per family of programs (explain-cat-*.c,
 * put in order by explain-catalog.c): each entry is a signature with its
 * patterns, the runtimes it comes from, the cause (a layer id or an
 * application cause "app.*"), the candidates of an ambiguous line, and
 * why/confirm/fix. The engine compiles
 * every pattern once and matches a line through a literal prefilter; the
 * scan (explain-scan.c) reads a log in constant memory and keeps per-entry
 * counts for the summary. Nothing here prints.
 */
#ifndef EXPLAIN_H
#define EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "explain-ac.h"
#include "explain-pattern.h"

#define EXPLAIN_PATTERNS_PER_ENTRY   6
#define EXPLAIN_CANDIDATES_PER_ENTRY 4
#define EXPLAIN_ENTRIES_MAX	     320

/* One possible cause of an ambiguous line: what tells it apart from the
 * others, and the command that confirms it. */
struct explain_candidate {
	const char *cause;   /* a layer id or "app.NAME"; NULL ends the list */
	const char *tells;   /* what points to this cause rather than the others */
	const char *confirm; /* the command that confirms it */
};

struct explain_entry {
	const char *id;					  /* stable: "go.accept-emfile" */
	const char *patterns[EXPLAIN_PATTERNS_PER_ENTRY]; /* any of them; NULL ends */
	const char *runtimes;				  /* where the message comes from */
	const char *cause;   /* a layer id ("nofile.soft") or "app.NAME" */
	const char *also;    /* related layer ids for the live check, space separated */
	const char *title;   /* one line: what happened */
	const char *why;     /* why this message means that cause */
	const char *confirm; /* how to check it */
	const char *fix;     /* how to fix it */
	/* When one line has several real causes: all of them, most likely
	 * first (the first is .cause). Empty when the line has one cause. */
	struct explain_candidate candidates[EXPLAIN_CANDIDATES_PER_ENTRY];
};

/*
 * The catalogue is kept in parts, one file each (explain-cat-*.c), and
 * read in the order of explain_parts: that order is the priority between
 * parts, the order inside a part the priority within it. A line is
 * explained by the first entry whose pattern matches, so the specific
 * signatures (kernel, admin tools, servers, load tools, runtimes) come
 * before the generic errno ones.
 */
struct explain_part {
	const char *family; /* an id of explain_families */
	const struct explain_entry *entries;
	const size_t *n;
};

extern const struct explain_part explain_parts[];
extern const size_t explain_nparts;

/* The families, in the order --list and headroom-errors(7) show them. */
struct explain_family {
	const char *id;	   /* "servers", "runtimes", "tools", "admin", "kernel", "generic" */
	const char *title; /* what it holds */
};

extern const struct explain_family explain_families[];
extern const size_t explain_nfamilies;

/* Entries across all parts, in priority order. */
size_t explain_catalog_size(void);
const struct explain_entry *explain_entry(size_t index);
/* The family of the entry at index. */
const char *explain_entry_family(size_t index);

/* A cause is a layer id unless it names an application cause ("app."). */
bool explain_cause_is_layer(const char *cause);

/* Find an entry by id; NULL when there is none. */
const struct explain_entry *explain_entry_find(const char *id);
/* Its index in priority order, or -1. */
int explain_entry_index(const char *id);

/* The candidates of an entry: its own list, or its cause alone. Returns
 * how many were written to out (at most EXPLAIN_CANDIDATES_PER_ENTRY). */
size_t explain_candidates(const struct explain_entry *e, struct explain_candidate *out);

struct explain_engine {
	struct explain_ac prefilter; /* one key per pattern: its anchor */
	struct explain_pattern pattern[EXPLAIN_AC_KEYS_MAX];
	uint16_t pattern_entry[EXPLAIN_AC_KEYS_MAX]; /* catalogue index of each pattern */
	const char *pattern_text[EXPLAIN_AC_KEYS_MAX];
	size_t npatterns;
	char *scratch; /* EXPLAIN_LINE_MAX bytes: a line as explain_clean reads it */
};

/*
 * Compile the catalogue. Returns 0, -EINVAL with a cause naming the entry
 * and pattern that does not compile, or -ENOMEM. Free with
 * explain_engine_free.
 */
int explain_engine_init(struct explain_engine *e, char *cause, size_t causelen);
void explain_engine_free(struct explain_engine *e);

/* The catalogue index of the entry explaining line, or -1. A line that
 * matches nothing as it is and holds JSON escapes or terminal escape
 * sequences is tried again cleaned (explain-clean.h). Not thread-safe:
 * the engine keeps one scratch line. */
int explain_match(const struct explain_engine *e, const char *line, size_t len);

/* Every pattern tried on the line without the prefilter (for tests). */
int explain_match_slow(const struct explain_engine *e, const char *line, size_t len);

/* ---- reading a log ---- */

#define EXPLAIN_LINE_MAX    65536 /* longer lines: matched on their first and last */
#define EXPLAIN_EXAMPLE_MAX 512	  /* bytes kept of each cause's example line */

struct explain_stat {
	uint64_t count;
	uint64_t first_line, last_line; /* 1-based */
	char example[EXPLAIN_EXAMPLE_MAX];
	size_t example_len;
	bool example_cut; /* the line was longer than the example kept */
};

struct explain_scan {
	const struct explain_engine *engine;
	uint64_t lines;	     /* lines read */
	uint64_t matched;    /* lines explained by an entry */
	uint64_t long_lines; /* lines longer than EXPLAIN_LINE_MAX */
	uint64_t bytes;
	struct explain_stat stat[EXPLAIN_ENTRIES_MAX]; /* by catalogue index */

	/* Reading state: fixed buffers, whatever the input. */
	char *buf;
	size_t cap, len;
	bool skipping;	  /* inside the rest of a long line */
	bool tail_wanted; /* its head matched nothing: keep its tail */
	char *tail;	  /* the last bytes of the long line, 2 x EXPLAIN_LINE_MAX */
	size_t tail_len;
};

int explain_scan_init(struct explain_scan *s, const struct explain_engine *e);
void explain_scan_free(struct explain_scan *s);

/* Feed bytes (any split, any content); complete lines are matched. */
void explain_scan_feed(struct explain_scan *s, const char *data, size_t len);
/* Read fd to its end. Returns 0, or -errno with a cause. */
int explain_scan_fd(struct explain_scan *s, int fd, const char *name, char *cause, size_t causelen);
/* Match the last line when the input did not end with a newline. */
void explain_scan_finish(struct explain_scan *s);

#endif
