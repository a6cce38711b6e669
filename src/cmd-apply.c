/*
 * cmd-apply.c: headroom apply PROFILE | --target N: compute the change
 * set, show it, and make it as a journaled transaction.
 */
#include "config.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "changeset.h"
#include "cmd.h"
#include "headroom.h"
#include "journal.h"
#include "json.h"
#include "names.h"
#include "persist.h"
#include "plan.h"
#include "platform.h"
#include "probe.h"
#include "profile.h"
#include "rootfs.h"
#include "udiff.h"

static int cmd_apply_exec(int argc, char **argv);

enum {
	OPT_TARGET,
	OPT_ROLE,
	OPT_DRY_RUN,
	OPT_LIVE,
	OPT_PERSIST,
	OPT_USER,
	OPT_UNIT,
	OPT_ONLY,
	OPT_RESTART,
	OPT_ANY,
	OPT_FORMAT,
};

static const struct cmd_option apply_options[] = {
    {CMD_OPTION_TARGET, .id = OPT_TARGET,
     .help = "instead of a profile, raise what `check --target N` "
	     "says is short (the recommended values, with margin)"},
    {CMD_OPTION_ROLE, .id = OPT_ROLE, .help = "with --target: client, server or both (default)"},
    {CMD_FLAG("dry-run", 0), .id = OPT_DRY_RUN,
     .help = "print the change set (sysctls old -> new, files as a "
	     "unified diff) and change nothing"},
    {CMD_FLAG("live", 0), .id = OPT_LIVE, .help = "only the live sysctls, no files"},
    {CMD_FLAG("persist", 0), .id = OPT_PERSIST, .help = "only the files that survive a reboot"},
    {CMD_OPTION_USER, .id = OPT_USER,
     .help = "limits.d entries for NAME (default: the profile's "
	     "user, else SUDO_USER, else *)"},
    {CMD_TEXT("unit", 0, "NAME"), .repeat = PROFILE_UNITS_MAX, .id = OPT_UNIT,
     .help = "also write LimitNOFILE for this systemd service\n(repeatable, up to 8)"},
    {CMD_TEXT("only", 0, "PATTERN"), .repeat = CHANGESET_ONLY_MAX, .id = OPT_ONLY,
     .help = "apply only matching settings (a sysctl key or "
	     "limits.nofile, systemd.DefaultLimitNOFILE, ...; "
	     "shell wildcards; repeatable, up to 16)"},
    {CMD_FLAG("restart", 0), .id = OPT_RESTART,
     .help = "run systemctl daemon-reexec / restart --unit units"},
    {CMD_FLAG("allow-any-sysctl", 0), .id = OPT_ANY, .help = "accept sysctls off the allow-list"},
    {CMD_OPTION_FORMAT(cmd_format_text_json), .id = OPT_FORMAT,
     .help = "text (default) or json: the changes, the notes and\n"
	     "\"changed\" (schema/apply.schema.json)"},
    {.name = NULL},
};

const struct cmd_entry cmd_apply_entry = {
    .name = "apply",
    .usage = "PROFILE | --target N [--role R] [--dry-run] [--live|--persist] "
	     "[--user NAME] [--unit NAME]... [--only PATTERN]... [--restart] "
	     "[--allow-any-sysctl] [--format text|json]",
    .summary = "apply a profile: live and persistent, journaled, with a way back",
    .about = "PROFILE is a name from `headroom profiles` or a path to a profile file.\n",
    .options = apply_options,
    .footer = "\nEvery change is journaled first; undo with `headroom revert`.\n"
	      "\nExamples:\n"
	      "  sudo headroom apply --dry-run c10k\n"
	      "  sudo headroom apply websocket-loadtest\n"
	      "  sudo headroom apply --target 100000 --role server --unit nginx.service\n"
	      "  sudo headroom apply --live --only 'net.*' websocket-loadtest\n"
	      "  sudo headroom apply c10k --format json | jq .changed\n",
    .max_operands = 1,
    .exec = cmd_apply_exec,
};

struct apply_args {
	const char *profile;
	struct target target;
	bool has_target, has_role;
	bool dry_run, live_only, persist_only, restart, allow_any, json;
	struct changeset_opts copts;
	char skipped[512]; /* --target: layers a profile does not raise */
	int journal_id;	   /* the entry written, 0 if none */
};

static int
set_option(void *ctx, const struct cmd_option *o, const struct cmd_value *v)
{
	struct apply_args *a = ctx;
	char cause[CAUSE_MAX];

	switch (o->id) {
	case OPT_TARGET:
		a->has_target = true;
		a->target.conns = v->num;
		break;
	case OPT_ROLE:
		a->has_role = true;
		a->target.role = (enum role)v->word;
		break;
	case OPT_DRY_RUN:
		a->dry_run = true;
		break;
	case OPT_LIVE:
		a->live_only = true;
		break;
	case OPT_PERSIST:
		a->persist_only = true;
		break;
	case OPT_USER:
		/* it becomes a limits.d line: one name, as a profile's user = */
		if (names_check_limits_domain(v->text, cause, sizeof(cause)) < 0)
			return cmd_arg_error(&cmd_apply_entry, EXIT_DATAERR, "--user: %s", cause);
		a->copts.user = v->text;
		break;
	case OPT_UNIT:
		/* it becomes a drop-in path and a journal target */
		if (names_check_unit(v->text, cause, sizeof(cause)) < 0)
			return cmd_arg_error(&cmd_apply_entry, EXIT_DATAERR, "--unit: %s", cause);
		a->copts.units[a->copts.nunits++] = v->text;
		break;
	case OPT_ONLY:
		a->copts.only[a->copts.nonly++] = v->text;
		break;
	case OPT_RESTART:
		a->restart = true;
		break;
	case OPT_ANY:
		a->allow_any = true;
		break;
	case OPT_FORMAT:
		a->json = v->word == 1;
		break;
	}
	return 0;
}

static int
parse_args(struct apply_args *a, int argc, char **argv)
{
	int n, ret;

	ret = cmd_parse(&cmd_apply_entry, argc, argv, set_option, a, &n);
	if (ret != CMD_PARSED)
		return ret;
	if (n > 0)
		a->profile = argv[1];
	if ((a->profile == NULL) == !a->has_target)
		return cmd_usage_error(&cmd_apply_entry, "give a PROFILE or --target N (one)");
	if (a->has_role && !a->has_target)
		return cmd_usage_error(&cmd_apply_entry, "--role goes with --target");
	if (a->live_only && a->persist_only)
		return cmd_usage_error(&cmd_apply_entry, "--live and --persist exclude each other");
	if (a->restart && cmd_globals.root != NULL && strcmp(cmd_globals.root, "/") != 0)
		return cmd_usage_error(&cmd_apply_entry, "--restart cannot restart services "
							 "of a --root tree");
	a->copts.live = !a->persist_only;
	a->copts.persist = !a->live_only;
	return CMD_PARSED;
}

/* The profile apply --target builds from the plan. */
static int
profile_from_target(struct apply_args *a, struct profile *p)
{
	struct probe_opts popts = {.user = a->copts.user, .target = &a->target};
	char cause[CAUSE_MAX], *skipped = a->skipped;
	struct layer_set *set = malloc(sizeof(*set));
	struct plan_result res;
	int n;

	if (set == NULL)
		return cmd_error(EXIT_UNKNOWN, "out of memory");
	layer_set_init(set);
	if (probe_collect(set, &popts, cause, sizeof(cause)) < 0) {
		free(set);
		return cmd_error(EXIT_UNKNOWN, "apply --target: %s", cause);
	}
	plan_eval(set, &a->target, &res);
	profile_init(p, "");
	snprintf(p->name, sizeof(p->name), "target-%lld", (long long)a->target.conns);
	n = profile_from_plan(p, set, &a->target, skipped, sizeof(a->skipped));
	free(set);
	if (n < 0)
		return cmd_error(EXIT_UNKNOWN, "apply --target: %s", strerror(-n));
	if (skipped[0] != '\0' && !cmd_globals.quiet && !a->json)
		printf("not raised by a profile (see headroom check): %s\n", skipped);
	return 0;
}

static int
load_profile(struct apply_args *a, struct profile *p)
{
	struct profile_system sys = {.nr_open = PROFILE_UNSET};
	unsigned flags = a->allow_any ? PROFILE_ALLOW_ANY_SYSCTL : 0;
	char cause[CAUSE_MAX];
	int64_t nr_open;
	int err;

	if (a->profile != NULL) {
		err = profile_load_checked(p, a->profile, flags, cause, sizeof(cause));
		return err < 0 ? cmd_error(EXIT_DATAERR, "%s", cause) : 0;
	}
	err = profile_from_target(a, p);
	if (err != 0)
		return err;
	if (rootfs_read_sysctl_i64("fs.nr_open", &nr_open) == 0)
		sys.nr_open = nr_open;
	if (profile_validate(p, &sys, flags, cause, sizeof(cause)) < 0)
		return cmd_error(EXIT_UNKNOWN, "apply --target: generated profile: %s", cause);
	return 0;
}

static void
print_changes(const struct profile *p, const struct changeset *cs, bool dry_run)
{
	char line[PATH_MAX + 64], *diff;
	size_t i;

	printf("%s %s (%s) on %s%s:\n", dry_run ? "would apply" : "applying", p->name,
	       p->nfiles > 0 ? p->files[0] : "generated from the plan", rootfs_dir(),
	       cs->darwin ? ", a macOS system" : "");
	for (i = 0; i < cs->n; i++) {
		const struct change *c = &cs->v[i];

		if (dry_run && c->kind == CHANGE_FILE &&
		    udiff(c->old.exists ? c->old.data : NULL, c->old.len, c->new_data, c->new_len,
			  c->old.exists ? c->target : "/dev/null", c->target, &diff) == 0) {
			printf("%s", diff);
			free(diff);
			continue;
		}
		change_describe(c, line, sizeof(line));
		printf("  %s\n", line);
	}
	if (cs->n == 0)
		printf("  nothing to change\n");
}

static void
print_notes(const struct changeset *cs, enum note_kind kind, const char *title)
{
	size_t i;
	bool header = false;

	for (i = 0; i < cs->nnotes; i++) {
		if (cs->notes[i].kind != kind)
			continue;
		if (!header)
			printf("%s\n", title);
		header = true;
		printf("  - %s\n", cs->notes[i].text);
	}
}

static bool
has_note(const struct changeset *cs, enum note_kind kind)
{
	size_t i;

	for (i = 0; i < cs->nnotes; i++) {
		if (cs->notes[i].kind == kind)
			return true;
	}
	return false;
}

static int
run_command(char *const argv[])
{
	pid_t pid;
	int status;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, NULL) != 0)
		return -errno;
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -ECHILD;
}

/* --restart: what the notes tell the user to run, run. */
static int
restart_services(const struct changeset *cs)
{
	char *reexec[] = {"systemctl", "daemon-reexec", NULL};
	char *reload[] = {"systemctl", "daemon-reload", NULL};
	char *restart[] = {"systemctl", "restart", NULL, NULL};
	char unit[NAMES_UNIT_MAX + 1];
	size_t i;
	int err = 0;

	for (i = 0; i < cs->n && err == 0; i++) {
		const struct change *c = &cs->v[i];

		if (strcmp(c->target, PERSIST_SYSTEM_CONF) == 0) {
			err = run_command(reexec);
		} else if (c->kind == CHANGE_FILE &&
			   persist_dropin_unit(c->target, unit, sizeof(unit)) == 0) {
			restart[2] = unit;
			err = run_command(reload);
			if (err == 0)
				err = run_command(restart);
		}
	}
	return err;
}

static int
report_failure(const struct changeset *cs, int id, const struct journal_failure *f,
	       const char *cause)
{
	const struct change *c = f->step > 0 ? &cs->v[f->step - 1] : NULL;

	if (c == NULL)
		return cmd_error(EXIT_FAIL, "apply: %s; nothing was changed", cause);
	cmd_error(EXIT_FAIL, "apply: step %d of %zu failed (%s %s): %s", f->step, cs->n,
		  change_kind_name(c->kind), c->target, cause);
	if (f->rolled_back)
		return cmd_error(EXIT_FAIL,
				 "apply: rolled back: the system is as it was (journal entry %d)",
				 id);
	return cmd_error(EXIT_FAIL,
			 "apply: ROLLBACK FAILED: %s; run `headroom revert %d` to finish "
			 "restoring",
			 f->rollback_cause, id);
}

static int
apply_changes(struct apply_args *a, const struct profile *p, const struct changeset *cs)
{
	struct journal_failure fail;
	char cause[CAUSE_MAX];
	int id = 0, err;

	err = journal_preflight(cs, cause, sizeof(cause));
	/* read-only is not a matter of privilege: sudo would not help */
	if (err == -EROFS)
		return cmd_error(EXIT_FAIL,
				 "apply: %s: the file system is mounted read-only; nothing was "
				 "changed",
				 cause);
	if (err == -EACCES || err == -EPERM)
		return cmd_error(EXIT_NOPERM,
				 "apply: needs root to change this system: %s "
				 "(run it with sudo); nothing was changed",
				 cause);
	if (err < 0)
		return cmd_error(EXIT_FAIL, "apply: %s; nothing was changed", cause);
	err = journal_apply(cs, p->name, &id, &fail, cause, sizeof(cause));
	if (err < 0)
		return report_failure(cs, id, &fail, cause);
	a->journal_id = id;
	if (!a->json)
		printf("applied %zu change%s as journal entry %d; undo: headroom revert %d\n",
		       cs->n, cs->n == 1 ? "" : "s", id, id);
	if (a->restart && restart_services(cs) < 0)
		return cmd_error(EXIT_FAIL, "apply: --restart: systemctl failed (the changes "
					    "stay applied)");
	return EXIT_OK;
}

static void
json_notes(const struct changeset *cs)
{
	static const char *const kinds[] = {"kept", "skipped", "to-do"};
	size_t i;

	printf(",\"notes\":[");
	for (i = 0; i < cs->nnotes; i++) {
		printf("%s{\"kind\":\"%s\",\"text\":", i > 0 ? "," : "", kinds[cs->notes[i].kind]);
		json_string(stdout, cs->notes[i].text);
		putchar('}');
	}
	putchar(']');
}

/*
 * --format json: make the change (unless --dry-run), then one document.
 * "changed" says whether this run changed the system, as configuration
 * tools (Ansible's changed_when) want it; a failure prints no document,
 * only its error and exit status.
 */
static int
apply_json(struct apply_args *a, const struct profile *p, const struct changeset *cs)
{
	int status = EXIT_OK;

	if (!a->dry_run && cs->n > 0)
		status = apply_changes(a, p, cs);
	if (status != EXIT_OK)
		return status;
	json_doc_begin(stdout, "apply", 1);
	printf(",\"profile\":");
	json_string(stdout, p->name);
	printf(",\"source\":");
	json_string(stdout, p->nfiles > 0 ? p->files[0] : NULL);
	printf(",\"root\":");
	json_string(stdout, rootfs_dir());
	printf(",\"dry_run\":%s,\"changed\":%s,\"journal_id\":", a->dry_run ? "true" : "false",
	       a->journal_id > 0 ? "true" : "false");
	if (a->journal_id > 0)
		printf("%d", a->journal_id);
	else
		printf("null");
	printf(",\"not_raised\":");
	json_string(stdout, a->skipped[0] != '\0' ? a->skipped : NULL);
	printf(",\"changes\":");
	changeset_json_changes(stdout, cs);
	json_notes(cs);
	printf("}\n");
	return EXIT_OK;
}

static int
cmd_apply_exec(int argc, char **argv)
{
	struct apply_args a = {0};
	struct changeset cs;
	struct profile *p;
	char cause[CAUSE_MAX];
	int status, err;

	target_init(&a.target);
	status = parse_args(&a, argc, argv);
	if (status != CMD_PARSED)
		return status;
	status = cmd_apply_root();
	if (status != 0)
		return status;
	p = malloc(sizeof(*p));
	if (p == NULL)
		return cmd_error(EXIT_UNKNOWN, "out of memory");
	status = load_profile(&a, p);
	if (status == 0 && (err = changeset_build(p, &a.copts, &cs, cause, sizeof(cause))) < 0) {
		/* a name or pattern that cannot be right is bad input */
		status = cmd_error(err == -EDOM ? EXIT_DATAERR : EXIT_FAIL,
				   "apply: %s; nothing was changed", cause);
		changeset_free(&cs);
	}
	if (status != 0) {
		free(p);
		return status;
	}
	if (a.json) {
		status = apply_json(&a, p, &cs);
		changeset_free(&cs);
		free(p);
		return status;
	}
	print_changes(p, &cs, a.dry_run);
	if (!cmd_globals.quiet) {
		print_notes(&cs, NOTE_KEPT, "kept (already at or above the profile):");
		print_notes(&cs, NOTE_SKIP, "skipped:");
	}
	if (a.dry_run)
		printf("dry run: nothing was changed\n");
	else if (cs.n == 0)
		printf(has_note(&cs, NOTE_SKIP) ? "nothing of %s applies to this system\n"
						: "this system already meets %s\n",
		       p->name);
	else
		status = apply_changes(&a, p, &cs);
	if (status == EXIT_OK && !cmd_globals.quiet)
		print_notes(&cs, NOTE_DO, "to do (headroom does not do these itself):");
	changeset_free(&cs);
	free(p);
	return status;
}
