/*
 * fuzz-mysql: my.cnf option files with !include and !includedir: /f/0.cnf,
 * parts 1-7 as /f/N.cnf (so "!includedir /f" reads them all), and the
 * group names of part 0's lines.
 */
#include "config.h"

#include "app-parsers.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mysql_conf c;
	struct fuzz_parts p;
	char cause[512];

	fuzz_split(data, size, &p);
	fuzz_put_parts(&p, "/f", ".cnf");
	mysql_conf_init(&c);
	mysql_parse_file(&c, "/f/0.cnf", cause, sizeof(cause));
	mysql_server_group(p.part[0]);
	fuzz_parts_free(&p);
	return 0;
}
