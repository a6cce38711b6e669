/*
 * fuzz-explain: the explain matcher and log readers. The input as one
 * line: the prefiltered match must equal every pattern tried in turn
 * (explain_match_slow), raw and after explain_clean; then as a log fed in
 * pieces whose sizes come from the input (explain_scan_feed), and as
 * kernel log text (the /dev/kmsg filter).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain-clean.h"
#include "explain-source.h"
#include "explain.h"
#include "fuzz.h"

static struct explain_engine engine;
static struct explain_scan scan;
static struct explain_kmsg kmsg;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char cause[512];

	(void)argc;
	(void)argv;
	if (explain_engine_init(&engine, cause, sizeof(cause)) < 0 ||
	    explain_scan_init(&scan, &engine) < 0) {
		fprintf(stderr, "fuzz-explain: %s\n", cause);
		abort();
	}
	return 0;
}

/* A fresh scan on the same buffers: explain_scan_init's 1 MiB per input
 * would cost more than the matching. */
static void
scan_reset(void)
{
	char *buf = scan.buf, *tail = scan.tail;
	size_t cap = scan.cap;

	memset(&scan, 0, sizeof(scan));
	scan.engine = &engine;
	scan.buf = buf;
	scan.cap = cap;
	scan.tail = tail;
}

static void
same_match(const char *line, size_t len)
{
	int fast = explain_match(&engine, line, len), slow = explain_match_slow(&engine, line, len);

	if (fast != slow) {
		fprintf(stderr, "fuzz-explain: prefilter says %d, patterns say %d\n", fast, slow);
		abort();
	}
}

/* Feed in pieces of 1..256 bytes, the sizes taken from the input itself. */
static void
feed_split(const uint8_t *data, size_t size, int kernel)
{
	size_t off = 0, k = 0, n;

	while (off < size) {
		n = 1 + data[k++ % size];
		if (n > size - off)
			n = size - off;
		if (kernel)
			explain_kmsg_feed(&kmsg, (const char *)data + off, n);
		else
			explain_scan_feed(&scan, (const char *)data + off, n);
		off += n;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *clean = malloc(size + 1);
	size_t n;

	if (clean == NULL)
		abort();
	same_match((const char *)data, size);
	if (explain_clean_wanted((const char *)data, size)) {
		n = explain_clean((const char *)data, size, clean);
		if (n > size)
			abort();
		same_match(clean, n);
	}
	free(clean);
	scan_reset();
	feed_split(data, size, 0);
	explain_scan_finish(&scan);
	explain_kmsg_init(&kmsg, &scan);
	feed_split(data, size, 1);
	explain_kmsg_finish(&kmsg);
	return 0;
}
