/*
 * fuzz-appconf: the include machinery every server parser shares: a glob
 * pattern (part 0) expanded in a scratch tree (/g/a.conf, /g/.hidden,
 * /g/sub/b.conf, /g/[x]), a directory listing by suffix, and path joins
 * of part 0 with part 1.
 */
#include "config.h"

#include <string.h>

#include "appconf.h"
#include "fuzz.h"

static void
tree(void)
{
	static int made;

	if (made++)
		return;
	fuzz_put("/g/a.conf", "a", 1);
	fuzz_put("/g/.hidden", "h", 1);
	fuzz_put("/g/sub/b.conf", "b", 1);
	fuzz_put("/g/[x]", "x", 1);
	fuzz_put("/g/z", "z", 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct appconf_list l;
	struct fuzz_parts p;
	char cause[512], out[APP_PATH_MAX];
	const char *rel;

	tree();
	fuzz_split(data, size, &p);
	rel = fuzz_part(&p, 1);
	if (appconf_glob(p.part[0], &l, cause, sizeof(cause)) == 0)
		appconf_list_free(&l);
	if (appconf_dir(p.part[0], rel, &l, cause, sizeof(cause)) == 0)
		appconf_list_free(&l);
	appconf_join(p.part[0], rel, out, sizeof(out));
	appconf_join(rel, p.part[0], out, 8);
	appconf_dirname(p.part[0], out, sizeof(out));
	appconf_dirname(p.part[0], out, 4);
	appconf_basename(p.part[0]);
	appconf_has_glob(p.part[0]);
	fuzz_parts_free(&p);
	return 0;
}
