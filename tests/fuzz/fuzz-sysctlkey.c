/*
 * fuzz-sysctlkey: a sysctl key (part 0), a wanted value (part 1) and a
 * current one as read from /proc/sys (part 2): the key's shape, its
 * /proc/sys path, the allow-list lookup, and every allow-listed key's
 * value check and comparison on the two values.
 */
#include "config.h"

#include "fuzz.h"
#include "rootfs.h"
#include "sysctlkey.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct sysctlkey *k;
	struct fuzz_parts p;
	char norm[256], cause[256], path[512];
	const char *value, *current;
	size_t i;

	fuzz_split(data, size, &p);
	value = fuzz_part(&p, 1);
	current = fuzz_part(&p, 2);
	sysctlkey_check_name(p.part[0], cause, sizeof(cause));
	rootfs_sysctl_path(p.part[0], path, sizeof(path));
	sysctlkey_os_of(p.part[0]);
	k = sysctlkey_find(p.part[0]);
	sysctlkey_check_value(k, value, norm, sizeof(norm), cause, sizeof(cause));
	sysctlkey_check_value(NULL, value, norm, 8, cause, sizeof(cause));
	for (i = 0; (k = sysctlkey_at(i)) != NULL; i++) {
		sysctlkey_check_value(k, value, norm, sizeof(norm), cause, sizeof(cause));
		sysctlkey_meets(k, current, value);
	}
	sysctlkey_meets(NULL, current, value);
	fuzz_parts_free(&p);
	return 0;
}
