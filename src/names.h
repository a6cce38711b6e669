/*
 * names.h: the one validator for every name that reaches a file or the
 * journal: systemd unit names (the rules of systemd's unit_name_is_valid),
 * user and group names (shadow-utils' is_valid_user_name /
 * is_valid_group_name, without --badname), limits.conf domains built from
 * them, and sysctl keys. The command line and profiles both go through
 * here, so `--unit` and `Unit =`, `--user` and `user =` accept and refuse
 * the same names with the same message.
 *
 * Each check returns 0 or -EINVAL with cause saying why; the offending
 * name is quoted with names_quote, so a newline or a 100 KB value never
 * reaches a message whole.
 */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>

#define NAMES_USER_MAX	 32  /* shadow-utils' default LOGIN_NAME_MAX for useradd */
#define NAMES_UNIT_MAX	 255 /* systemd's UNIT_NAME_MAX - 1 */
#define NAMES_SYSCTL_MAX 255

/* A service unit: PREFIX[@INSTANCE].service, [A-Za-z0-9:_.\\-] in both. */
int names_check_unit(const char *name, char *cause, size_t causelen);
/* [a-z_][a-z0-9_.-]*[$]?, at most NAMES_USER_MAX, not all digits. */
int names_check_user(const char *name, char *cause, size_t causelen);
int names_check_group(const char *name, char *cause, size_t causelen);
/* A limits.conf domain headroom writes: `*`, a user, or @group. */
int names_check_limits_domain(const char *domain, char *cause, size_t causelen);
/* A dotted sysctl key: [a-z0-9_.-], no '/', no "..", no empty component. */
int names_check_sysctl_key(const char *key, char *cause, size_t causelen);

/* in, printable and short: control bytes as \xNN, cut at about 60
 * characters with "...". For quoting untrusted names in messages. */
void names_quote(const char *in, char *out, size_t size);

#endif
