/*
 * fuzz-passwd: /etc/passwd and /etc/group under a root (parts 0 and 1),
 * the user lookup for the first user named in it and for "alice", then
 * limits.conf (part 2) loaded for that user, so @group entries use the
 * groups read.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "limitsconf.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct limitsconf lc;
	static struct limitsconf_user u;
	struct fuzz_parts p;
	char name[64], cause[256];
	size_t len;

	fuzz_split(data, size, &p);
	fuzz_put("/etc/passwd", p.part[0], strlen(p.part[0]));
	fuzz_put("/etc/group", fuzz_part(&p, 1), strlen(fuzz_part(&p, 1)));
	fuzz_put("/etc/security/limits.conf", fuzz_part(&p, 2), strlen(fuzz_part(&p, 2)));
	len = strcspn(p.part[0], ":\n");
	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, p.part[0], len);
	name[len] = '\0';
	if (limitsconf_lookup_user(name, &u, cause, sizeof(cause)) == 0) {
		limitsconf_init(&lc);
		limitsconf_load(&lc, &u, 1048576);
		limitsconf_finish(&lc);
	}
	limitsconf_user_free(&u);
	limitsconf_lookup_user("alice", &u, cause, sizeof(cause));
	limitsconf_user_free(&u);
	fuzz_parts_free(&p);
	return 0;
}
