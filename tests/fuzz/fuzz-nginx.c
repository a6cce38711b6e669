/*
 * fuzz-nginx: nginx configuration as nginx reads it: /f/0.conf and what it
 * includes (parts 1-7 are /f/1.conf ...; the prefix is /f, so "include
 * 1.conf;" and an include of a glob in /f reach them), then part 0 as -g
 * text.
 */
#include "config.h"

#include "app-parsers.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nginx_conf c;
	struct fuzz_parts p;
	char cause[512];

	fuzz_split(data, size, &p);
	fuzz_put_parts(&p, "/f", ".conf");
	nginx_conf_init(&c, "/f");
	nginx_parse_file(&c, "/f/0.conf", cause, sizeof(cause));
	nginx_conf_init(&c, "/f");
	nginx_parse_text(&c, "-g", p.part[0], cause, sizeof(cause));
	fuzz_parts_free(&p);
	return 0;
}
