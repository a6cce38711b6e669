/*
 * tmptree.h: throw-away root directories for unit tests of code that reads
 * through rootfs (limits.d, system.conf.d, cgroup trees, pam.d). A test
 * makes a tree, writes the files it needs, points rootfs at it, and removes
 * it when done.
 */
#ifndef TMPTREE_H
#define TMPTREE_H

#include <stddef.h>

/* Create an empty tree under $TMPDIR and select it as the rootfs root.
 * Returns the tree's path (static storage) or NULL. */
const char *tmptree_make(void);

/* Write text to an absolute path ("/etc/x") inside the tree, creating the
 * parent directories. Returns 0 or -errno. */
int tmptree_write(const char *path, const char *text);
int tmptree_write_bytes(const char *path, const void *data, size_t len);

/* Create a symlink inside the tree (path -> target). Returns 0 or -errno. */
int tmptree_symlink(const char *target, const char *path);

/* Remove the tree and select the live root again. */
void tmptree_remove(void);

#endif
