/*
 * userdb.h: the live user database through POSIX libc (getpwnam_r), the
 * part every platform's accounts.c shares.
 */
#ifndef HEADROOM_USERDB_H
#define HEADROOM_USERDB_H

#include <stddef.h>

struct limitsconf_user;

/* A buffer for the getpw*_r / getgr*_r calls, doubled on ERANGE up to
 * 16 MiB: a group of thousands of members is a long line, never a reason
 * to cut it. NULL (buf freed) past that or when out of memory. */
char *userdb_grow(char *buf, size_t *size);

/* The uid and primary gid of name from libc (NSS: files, LDAP, sssd):
 * 0, -ENOENT when there is no such user, or -errno; cause says why. */
int userdb_live_ids(const char *name, struct limitsconf_user *u, char *cause, size_t causelen);

#endif
