/*
 * fuzz-redis: redis.conf and its includes (/f/0.conf, parts 1-7 as
 * /f/1.conf ...; relative includes resolve in the working directory /f).
 */
#include "config.h"

#include "app-parsers.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct redis_conf c;
	struct fuzz_parts p;
	char cause[512];

	fuzz_split(data, size, &p);
	fuzz_put_parts(&p, "/f", ".conf");
	redis_conf_init(&c, "/f");
	redis_parse_file(&c, "/f/0.conf", cause, sizeof(cause));
	fuzz_parts_free(&p);
	return 0;
}
