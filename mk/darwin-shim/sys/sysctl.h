/*
 * mk/darwin-shim/sys/sysctl.h: macOS's declaration of sysctlbyname(3), so
 * `make check-portable` can compile src/darwin/ on Linux (glibc has no
 * <sys/sysctl.h>). Only what src/darwin/ uses; never part of a real build.
 */
#ifndef DARWIN_SHIM_SYS_SYSCTL_H
#define DARWIN_SHIM_SYS_SYSCTL_H

#include <stddef.h>

int sysctlbyname(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

#endif
