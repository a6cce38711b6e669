/*
 * accounts.c: users and groups for limits.conf (platform.h). pam_limits
 * asks libc, so headroom does too: getpwnam_r and getgrouplist on the live
 * system (NSS: files, LDAP, sssd), and under --root libc's own parsers of
 * the tree's /etc/passwd and /etc/group (fgetpwent, fgetgrent), which grow
 * their buffers for any line length. The files are opened through rootfs
 * (regular files only, no symlink out of the tree) and handed to stdio.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limitsconf.h"
#include "platform.h"
#include "probe-linux.h"
#include "rootfs.h"
#include "userdb.h"

/* A file of the tree for stdio; NULL with *err set (-errno). */
static FILE *
open_tree_file(const char *path, int *err)
{
	FILE *f;
	int fd = rootfs_open_regular(path);

	if (fd < 0) {
		*err = fd;
		return NULL;
	}
	f = fdopen(fd, "r");
	if (f == NULL) {
		*err = -errno;
		close(fd);
	}
	return f;
}

/* After a getpwent-style loop ended: a read error, or just the end. */
static int
end_of(FILE *f)
{
	return ferror(f) ? -EIO : 0;
}

static int
tree_user(const char *name, struct limitsconf_user *u, char *cause, size_t causelen)
{
	struct passwd *pw;
	int err = 0;
	FILE *f = open_tree_file("/etc/passwd", &err);

	if (f == NULL) {
		snprintf(cause, causelen, "/etc/passwd: %s", rootfs_strerror(err));
		return err;
	}
	err = -ENOENT;
	while ((pw = fgetpwent(f)) != NULL) {
		if (strcmp(pw->pw_name, name) == 0) {
			u->uid = pw->pw_uid;
			u->gid = pw->pw_gid;
			err = 0;
			break;
		}
	}
	if (err == -ENOENT && end_of(f) < 0) {
		err = -EIO;
		snprintf(cause, causelen, "/etc/passwd: %s", strerror(EIO));
	} else if (err == -ENOENT) {
		snprintf(cause, causelen, "user '%s' is not in /etc/passwd", name);
	}
	fclose(f);
	return err;
}

static bool
is_member(char *const *members, const char *name)
{
	for (; members != NULL && *members != NULL; members++) {
		if (strcmp(*members, name) == 0)
			return true;
	}
	return false;
}

static int
tree_groups(struct limitsconf_user *u, char *cause, size_t causelen)
{
	struct group *gr;
	int err = 0;
	FILE *f = open_tree_file("/etc/group", &err);

	if (f == NULL) {
		/* no /etc/group: the user is in no group pam_limits can name */
		if (err == -ENOENT)
			return 0;
		snprintf(cause, causelen, "/etc/group: %s", rootfs_strerror(err));
		return err;
	}
	while (err == 0 && (gr = fgetgrent(f)) != NULL) {
		if (gr->gr_gid == u->gid || is_member(gr->gr_mem, u->name))
			err = limitsconf_user_add_group(u, gr->gr_name, gr->gr_gid);
	}
	if (err == 0)
		err = end_of(f);
	if (err < 0)
		snprintf(cause, causelen, "/etc/group: %s", strerror(-err));
	fclose(f);
	return err;
}

/* The name of gid (its number when it has none) into the user's list. */
static int
live_add_group(struct limitsconf_user *u, gid_t gid)
{
	struct group gr, *found = NULL;
	size_t size = 0;
	char *buf = NULL, number[24];
	int err;

	do {
		buf = userdb_grow(buf, &size);
		if (buf == NULL)
			return -ENOMEM;
		err = getgrgid_r(gid, &gr, buf, size, &found);
	} while (err == ERANGE);
	snprintf(number, sizeof(number), "%u", (unsigned)gid);
	err = limitsconf_user_add_group(u, found != NULL ? gr.gr_name : number, gid);
	free(buf);
	return err;
}

static int
live_groups(struct limitsconf_user *u, char *cause, size_t causelen)
{
	int n = 64, i, err = 0;
	gid_t *gids = NULL, *more;

	for (;;) {
		int want = n;

		more = realloc(gids, (size_t)n * sizeof(*gids));
		if (more == NULL) {
			err = -ENOMEM;
			break;
		}
		gids = more;
		/* -1 with n set to the count when the list is too small */
		if (getgrouplist(u->name, u->gid, gids, &n) >= 0)
			break;
		if (n <= want)
			n = want * 2;
	}
	for (i = 0; err == 0 && i < n; i++)
		err = live_add_group(u, gids[i]);
	free(gids);
	if (err < 0)
		snprintf(cause, causelen, "groups of '%s': %s", u->name, strerror(-err));
	return err;
}

int
platform_user_lookup(const char *name, struct limitsconf_user *u, char *cause, size_t causelen)
{
	int err;

	snprintf(u->name, sizeof(u->name), "%s", name);
	if (rootfs_is_live()) {
		err = userdb_live_ids(name, u, cause, causelen);
		return err < 0 ? err : live_groups(u, cause, causelen);
	}
	err = tree_user(name, u, cause, causelen);
	return err < 0 ? err : tree_groups(u, cause, causelen);
}

/* out is name, or -ENAMETOOLONG: a name is never cut */
static int
copy_name(const char *name, char *out, size_t size)
{
	return (size_t)snprintf(out, size, "%s", name) < size ? 0 : -ENAMETOOLONG;
}

static int
tree_user_name(uid_t uid, char *out, size_t size)
{
	struct passwd *pw;
	int err = 0;
	FILE *f = open_tree_file("/etc/passwd", &err);

	if (f == NULL)
		return err;
	while ((pw = fgetpwent(f)) != NULL && pw->pw_uid != uid)
		;
	err = pw != NULL ? copy_name(pw->pw_name, out, size) : -ENOENT;
	fclose(f);
	return err;
}

static int
live_user_name(uid_t uid, char *out, size_t size)
{
	struct passwd pw, *found = NULL;
	size_t bufsize = 0;
	char *buf = NULL;
	int err;

	do {
		if ((buf = userdb_grow(buf, &bufsize)) == NULL)
			return -ENOMEM;
		err = getpwuid_r(uid, &pw, buf, bufsize, &found);
	} while (err == ERANGE);
	err = found != NULL ? copy_name(pw.pw_name, out, size) : -ENOENT;
	free(buf);
	return err;
}

int
probe_user_name(uid_t uid, char *out, size_t size)
{
	return rootfs_is_live() ? live_user_name(uid, out, size) : tree_user_name(uid, out, size);
}
