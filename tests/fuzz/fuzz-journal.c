/*
 * fuzz-journal: the apply journal as revert and history read it: entry 1
 * under a root, its info file (part 0), its changes file (part 1) and the
 * saved contents 1.old, 1.new, 2.old, 2.new, 3.old, 3.new (parts 2-7; a
 * missing part is a missing file). journal_load, then journal_list.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "journal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const blobs[] = {"1.old", "1.new", "2.old", "2.new", "3.old", "3.new"};
	struct journal_entry e, *list;
	struct fuzz_parts p;
	char path[256], cause[512];
	size_t i, n;

	fuzz_split(data, size, &p);
	fuzz_put(JOURNAL_DIR "/1/info", p.part[0], p.len[0]);
	fuzz_put(JOURNAL_DIR "/1/changes", fuzz_part(&p, 1), p.n > 1 ? p.len[1] : 0);
	for (i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		snprintf(path, sizeof(path), "%s/1/%s", JOURNAL_DIR, blobs[i]);
		fuzz_put(path, 2 + i < p.n ? p.part[2 + i] : NULL, 2 + i < p.n ? p.len[2 + i] : 0);
	}
	if (journal_load(1, &e, cause, sizeof(cause)) == 0)
		journal_entry_free(&e);
	if (journal_list(&list, &n, cause, sizeof(cause)) == 0)
		free(list);
	fuzz_parts_free(&p);
	return 0;
}
