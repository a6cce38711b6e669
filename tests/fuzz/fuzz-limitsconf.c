/*
 * fuzz-limitsconf: limits.conf and limits.d texts as pam_limits reads them
 * (limitsconf_feed, one file per NUL-separated part, the last part also as
 * a PAM session stack), for a user in two groups.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "limitsconf.h"

static const struct limitsconf_user alice = {
    .name = "alice",
    .uid = 1000,
    .gid = 1000,
    .ngroups = 2,
    .groups = (char *[]){"alice", "loadtest"},
    .gids = (gid_t[]){1000, 1001},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct limitsconf lc;
	struct fuzz_parts p;
	char where[256];
	size_t i;

	fuzz_split(data, size, &p);
	limitsconf_init(&lc);
	for (i = 0; i < p.n; i++)
		limitsconf_feed(&lc, &alice,
				i == 0 ? "/etc/security/limits.conf"
				       : "/etc/security/limits.d/90-x.conf",
				p.part[i], i % 2 ? 0 : 1048576);
	limitsconf_finish(&lc);
	fuzz_put("/etc/pam.d/common-session", p.part[p.n - 1], strlen(p.part[p.n - 1]));
	limitsconf_pam_enabled(where, sizeof(where));
	fuzz_parts_free(&p);
	return 0;
}
