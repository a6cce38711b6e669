/*
 * mk/darwin-shim/shim.c: definitions of the macOS calls src/darwin/ uses,
 * so `make check-portable` can link the darwin platform with the core on
 * Linux and prove it implements the whole interface. They fail as on a
 * system without the value (ENOENT); nothing here stands for macOS's
 * behaviour, and no test reads a figure from them.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "mach-o/dyld.h"
#include "sys/sysctl.h"

int
sysctlbyname(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
{
	(void)name;
	(void)oldp;
	(void)oldlenp;
	(void)newp;
	(void)newlen;
	errno = ENOENT;
	return -1;
}

int
_NSGetExecutablePath(char *buf, uint32_t *bufsize)
{
	(void)buf;
	(void)bufsize;
	return -1;
}
