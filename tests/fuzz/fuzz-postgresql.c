/*
 * fuzz-postgresql: postgresql.conf and what it includes (include,
 * include_if_exists, include_dir): /f/0.conf, parts 1-7 as /f/N.conf.
 */
#include "config.h"

#include "app-parsers.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pg_conf c;
	struct fuzz_parts p;
	char cause[512];

	fuzz_split(data, size, &p);
	fuzz_put_parts(&p, "/f", ".conf");
	pg_conf_init(&c);
	pg_parse_file(&c, "/f/0.conf", true, cause, sizeof(cause));
	fuzz_parts_free(&p);
	return 0;
}
