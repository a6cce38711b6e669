/*
 * mk/darwin-shim/mach-o/dyld.h: macOS's declaration of
 * _NSGetExecutablePath(3), so `make check-portable` can compile
 * src/darwin/ on Linux. Never part of a real build.
 */
#ifndef DARWIN_SHIM_MACH_O_DYLD_H
#define DARWIN_SHIM_MACH_O_DYLD_H

#include <stdint.h>

int _NSGetExecutablePath(char *buf, uint32_t *bufsize);

#endif
