/*
 * instdirs.h: where this program's own files are (its shipped profiles,
 * its helper program), with no path of the build tree compiled in.
 */
#ifndef INSTDIRS_H
#define INSTDIRS_H

#include <stddef.h>

/*
 * The file beside an uninstalled binary that names its source tree. make
 * writes it into the build tree's src/; it is never installed.
 */
#define INSTDIRS_MARKER "headroom.uninstalled"

/*
 * CONFIGURED (one of the package's configured directories: pkgdatadir,
 * pkglibexecdir) as this running binary sees it: unchanged when the binary
 * runs from its configured bindir or pkglibexecdir; prefixed with STAGE
 * when it runs from STAGE/bindir (`make install DESTDIR=STAGE`, a package
 * being built, an image mounted elsewhere). Returns 0, or -ENAMETOOLONG.
 */
int instdirs_resolve(const char *configured, char *out, size_t size);

/*
 * The source tree of an uninstalled binary (the build tree's src/headroom)
 * from INSTDIRS_MARKER beside it: 0 and the path, or -ENOENT when this
 * binary is installed.
 */
int instdirs_source_tree(char *out, size_t size);

#endif
