/*
 * cmd-profiles.c: headroom profiles [NAME]: list the profiles, or print
 * one resolved (includes applied) with, per line, whether this system
 * already meets it.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changeset.h"
#include "cmd.h"
#include "confdir.h"
#include "fsutil.h"
#include "headroom.h"
#include "json.h"
#include "limitsconf.h"
#include "persist.h"
#include "profile.h"
#include "report.h"
#include "rootfs.h"
#include "sysctlkey.h"
#include "sysdconf.h"
#include "textfit.h"

static int cmd_profiles_exec(int argc, char **argv);

enum { OPT_FORMAT };

static const struct cmd_option profiles_options[] = {
    {CMD_OPTION_FORMAT(cmd_format_text_json), .id = OPT_FORMAT,
     .help = "text (default) or json (schema/profiles.schema.json)"},
    {.name = NULL},
};

static bool profiles_json;

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	(void)ctx;
	if (o->id == OPT_FORMAT)
		profiles_json = v->word == 1;
	return 0;
}

const struct cmd_entry cmd_profiles_entry = {
    .name = "profiles",
    .usage = "[NAME | FILE] [--format text|json]",
    .summary = "list tuning profiles, or show one and whether this system meets it",
    .about = "Without NAME, list the profiles with their description and where they\n"
	     "were found. With NAME (or a path to a profile file), print it resolved\n"
	     "(includes applied, later values overriding earlier ones) and, per line,\n"
	     "whether this system already meets it: ok, change (apply would change it),\n"
	     "or n/a. Exit status 0 when everything is met, 1 when apply would change\n"
	     "something, 65 for a broken profile.\n",
    .footer = "\nExamples:\n"
	      "  headroom profiles\n"
	      "  headroom profiles websocket-loadtest\n"
	      "  headroom profiles --format json | jq -r '.profiles[].name'\n",
    .options = profiles_options,
    .max_operands = 1,
    .exec = cmd_profiles_exec,
};

#define NAMES_MAX 128

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The profile names (file names less .conf) in the directories, sorted. */
static int
list_names(const char *const *dirs, int ndirs, char names[][64])
{
	static struct confdir_file files[NAMES_MAX];
	size_t nfiles = confdir_list(dirs, (size_t)ndirs, opendir, files, NAMES_MAX), i;
	int n = 0;

	if (nfiles == CONFDIR_TOO_MANY) /* said by the caller */
		return -1;

	for (i = 0; i < nfiles; i++) {
		int len = (int)strlen(files[i].name) - 5;

		if (len < 64)
			snprintf(names[n++], 64, "%.*s", len, files[i].name);
	}
	qsort(names, (size_t)n, sizeof(names[0]), cmp_name);
	return n;
}

/* "N profiles from DIR and DIR. Show one: ...", fitted to the width. */
static void
print_footer(int n, const char *const *dirs, int ndirs)
{
	char line[2 * PATH_MAX + 128];
	int len = snprintf(
	    line, sizeof(line), "%d profile%s from %s%s%s. Show one: headroom profiles NAME", n,
	    n == 1 ? "" : "s", dirs[0], ndirs > 1 ? " and " : "", ndirs > 1 ? dirs[1] : "");

	if (len >= (int)sizeof(line))
		len = (int)sizeof(line) - 1;
	putchar('\n');
	textfit_line(stdout, line, (size_t)len, cmd_globals.width);
}

static int
list_profiles(void)
{
	static char names[NAMES_MAX][64];
	const char *dirs[4];
	char cause[CAUSE_MAX];
	struct profile *p;
	int n = 0, ndirs, i, status = EXIT_OK;

	p = malloc(sizeof(*p));
	if (p == NULL)
		return cmd_error(EXIT_UNKNOWN, "out of memory");
	ndirs = profile_dirs(dirs, 4);
	n = list_names(dirs, ndirs, names);
	if (n < 0) {
		free(p);
		return cmd_error(EXIT_DATAERR,
				 "profiles: more than %d profiles in the profile "
				 "directories: not listed (refused, not cut)",
				 NAMES_MAX);
	}
	if (profiles_json) {
		json_doc_begin(stdout, "profiles", 1);
		printf(",\"dirs\":[");
		for (i = 0; i < ndirs; i++) {
			printf(i > 0 ? "," : "");
			json_string(stdout, dirs[i]);
		}
		printf("],\"profiles\":[");
	}
	for (i = 0; i < n; i++) {
		bool broken = profile_load_checked(p, names[i], 0, cause, sizeof(cause)) < 0;

		if (broken)
			status = EXIT_DATAERR;
		if (profiles_json) {
			printf("%s{\"name\":", i > 0 ? ",\n" : "\n");
			json_string(stdout, names[i]);
			printf(",\"description\":");
			json_string(stdout, broken ? NULL : p->description);
			printf(",\"broken\":");
			json_string(stdout, broken ? cause : NULL);
			putchar('}');
		} else if (broken) {
			printf("%-20s (broken: %s)\n", names[i], cause);
		} else {
			/* The description wraps in the width, under itself. */
			printf("%-20s ", names[i]);
			report_wrap(stdout, p->description,
				    strlen(names[i]) > 20 ? (int)strlen(names[i]) + 1 : 21, 21,
				    cmd_globals.width);
		}
	}
	if (profiles_json)
		printf("]}\n");
	else if (!cmd_globals.quiet)
		print_footer(n, dirs, ndirs);
	free(p);
	return status;
}

/* --- whether the system meets one item --- */

enum meets { MEETS_OK, MEETS_CHANGE, MEETS_NA };

static const char *const meets_names[] = {"ok", "change", "n/a"};

static enum meets
meets_sysctl(const struct profile_item *it, bool darwin, char *now, size_t size)
{
	char cause[CAUSE_MAX];

	if ((sysctlkey_os_of(it->key) == SYSCTLKEY_DARWIN) != darwin) {
		snprintf(now, size, "not for this platform");
		return MEETS_NA;
	}
	if (darwin || fsutil_sysctl_read(it->key, now, size, cause, sizeof(cause)) < 0) {
		snprintf(now, size, "not readable here");
		return MEETS_NA;
	}
	return sysctlkey_meets(sysctlkey_find(it->key), now, it->value) ? MEETS_OK : MEETS_CHANGE;
}

/* What a new login session of the profile's user (or the invoking one)
 * gets from limits.conf and limits.d, as pam_limits resolves it. */
static enum meets
meets_session(const struct profile *p, const char *item, char *now, size_t size)
{
	const char *name = p->user[0] != '\0' && p->user[0] != '*' && p->user[0] != '@'
			       ? p->user
			       : getenv("SUDO_USER");
	const struct profile_limit *want = strcmp(item, "nofile") == 0 ? &p->nofile : &p->nproc;
	struct limitsconf_user user;
	struct limitsconf lc;
	const struct limitsconf_value *soft, *hard;
	char cause[CAUSE_MAX], sbuf[32], hbuf[32];
	int64_t nr_open = 0;

	if (limitsconf_lookup_user(name != NULL ? name : "root", &user, cause, sizeof(cause)) < 0) {
		snprintf(now, size, "%.200s", cause);
		return MEETS_NA;
	}
	rootfs_read_sysctl_i64("fs.nr_open", &nr_open);
	limitsconf_init(&lc);
	limitsconf_load(&lc, &user, nr_open);
	limitsconf_user_free(&user);
	soft = strcmp(item, "nofile") == 0 ? &lc.nofile_soft : &lc.nproc_soft;
	hard = strcmp(item, "nofile") == 0 ? &lc.nofile_hard : &lc.nproc_hard;
	if (soft->value == LAYER_NONE || hard->value == LAYER_NONE) {
		snprintf(now, size, "a login of %s: not set in limits.conf", user.name);
		return MEETS_CHANGE;
	}
	profile_limit_str(soft->value == LAYER_UNLIMITED ? PROFILE_INFINITY : soft->value, sbuf,
			  sizeof(sbuf));
	profile_limit_str(hard->value == LAYER_UNLIMITED ? PROFILE_INFINITY : hard->value, hbuf,
			  sizeof(hbuf));
	snprintf(now, size, "a login of %s: soft %s, hard %s", user.name, sbuf, hbuf);
	return soft->value >= want->soft && hard->value >= want->hard ? MEETS_OK : MEETS_CHANGE;
}

static enum meets
meets_systemd_default(const struct profile_limit *want, char *now, size_t size)
{
	struct sysdconf_limit lim;

	sysdconf_load_default(&lim);
	if (!lim.set) {
		lim.nofile.soft = SYSDCONF_DEFAULT_SOFT;
		lim.nofile.hard = SYSDCONF_DEFAULT_HARD;
	}
	snprintf(now, size, "DefaultLimitNOFILE=%" PRId64 ":%" PRId64 "%s", lim.nofile.soft,
		 lim.nofile.hard, lim.set ? "" : ", systemd's built-in default");
	return lim.nofile.soft >= want->soft && lim.nofile.hard >= want->hard ? MEETS_OK
									      : MEETS_CHANGE;
}

static enum meets
meets_item(const struct profile *p, const struct profile_item *it, bool darwin, char *now,
	   size_t size)
{
	now[0] = '\0';
	switch (it->section) {
	case PSEC_SYSCTL:
		return meets_sysctl(it, darwin, now, size);
	case PSEC_LIMITS:
		if (darwin || strcmp(it->key, "user") == 0)
			return MEETS_NA;
		return meets_session(p, it->key, now, size);
	case PSEC_SYSTEMD:
		if (darwin || strcmp(it->key, "DefaultLimitNOFILE") != 0)
			return MEETS_NA;
		return meets_systemd_default(&p->systemd_default, now, size);
	case PSEC_LAUNCHD:
	case PSEC_PROFILE:
		break;
	}
	return MEETS_NA;
}

/* The resolved profile and, per item, whether this system meets it;
 * frees p. Exit status as the text's: 0 all met, 1 apply would change. */
static int
show_profile_json(struct profile *p, bool darwin)
{
	char now[256];
	bool all_met = true;
	enum meets m;
	int i;

	json_doc_begin(stdout, "profiles", 1);
	printf(",\"profile\":{\"name\":");
	json_string(stdout, p->name);
	printf(",\"description\":");
	json_string(stdout, p->description);
	printf(",\"files\":[");
	for (i = 0; i < p->nfiles; i++) {
		printf(i > 0 ? "," : "");
		json_string(stdout, p->files[i]);
	}
	printf("],\"items\":[");
	for (i = 0; i < p->nitems; i++) {
		const struct profile_item *it = &p->items[i];

		m = it->section == PSEC_PROFILE ? MEETS_NA
						: meets_item(p, it, darwin, now, sizeof(now));
		if (it->section == PSEC_PROFILE)
			now[0] = '\0';
		all_met = all_met && m != MEETS_CHANGE;
		printf("%s{\"section\":", i > 0 ? ",\n" : "\n");
		json_string(stdout, profile_section_name(it->section));
		printf(",\"key\":");
		json_string(stdout, it->key);
		printf(",\"value\":");
		json_string(stdout, it->value);
		printf(",\"meets\":");
		json_string(stdout, it->section == PSEC_PROFILE ? NULL : meets_names[m]);
		printf(",\"now\":");
		json_string(stdout, now[0] != '\0' ? now : NULL);
		putchar('}');
	}
	printf("]},\"met\":%s}\n", all_met ? "true" : "false");
	free(p);
	return all_met ? EXIT_OK : EXIT_WARN;
}

static int
show_profile(const char *name)
{
	static const enum profile_section order[] = {PSEC_PROFILE, PSEC_LIMITS, PSEC_SYSCTL,
						     PSEC_SYSTEMD, PSEC_LAUNCHD};
	char cause[CAUSE_MAX], line[PROFILE_KEY_MAX + PROFILE_VALUE_MAX + 8], now[256];
	bool darwin = changeset_root_is_darwin(), all_met = true;
	struct profile *p;
	size_t s;
	int i, err;
	enum meets m;

	p = malloc(sizeof(*p));
	if (p == NULL)
		return cmd_error(EXIT_UNKNOWN, "out of memory");
	err = profile_load_checked(p, name, 0, cause, sizeof(cause));
	if (err < 0) {
		free(p);
		return cmd_error(EXIT_DATAERR, "%s", cause);
	}
	if (profiles_json)
		return show_profile_json(p, darwin);
	printf("# %s: %s\n# from %s\n", p->name, p->description, p->files[0]);
	for (i = 1; i < p->nfiles; i++)
		printf("# includes %s\n", p->files[i]);
	for (s = 0; s < nitems(order); s++) {
		bool header = false;

		for (i = 0; i < p->nitems; i++) {
			const struct profile_item *it = &p->items[i];

			if (it->section != order[s])
				continue;
			if (!header)
				printf("\n[%s]\n", profile_section_name(order[s]));
			header = true;
			snprintf(line, sizeof(line), "%s = %s", it->key, it->value);
			if (order[s] == PSEC_PROFILE) {
				printf("%s\n", line);
				continue;
			}
			m = meets_item(p, it, darwin, now, sizeof(now));
			all_met = all_met && m != MEETS_CHANGE;
			printf("%-44s # %-6s%s%s%s\n", line, meets_names[m], now[0] ? " (" : "",
			       now, now[0] ? ")" : "");
		}
	}
	free(p);
	return all_met ? EXIT_OK : EXIT_WARN;
}

static int
cmd_profiles_exec(int argc, char **argv)
{
	int n, r;

	r = cmd_parse(&cmd_profiles_entry, argc, argv, set_option, NULL, &n);
	if (r != CMD_PARSED)
		return r;
	r = cmd_apply_root();
	if (r != 0)
		return r;
	return n > 0 ? show_profile(argv[1]) : list_profiles();
}
