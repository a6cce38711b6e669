/*
 * explain-cat-admin.c: what shells and admin tools say when a limit will
 * not move: ulimit in bash, dash and zsh, prlimit, PAM, systemd, docker and
 * runc, and launchctl on macOS. (sysctl and the kubelet's allow-list are in
 * explain-cat-sysctl.c.)
 */
#include "config.h"

#include "explain-cat.h"
#include "headroom.h"

const struct explain_entry explain_cat_admin[] = {
    {
	/* bash builtins/ulimit.def: builtin_error(_("%s: cannot modify limit:
	 * %s"), ...) with "open files"; dash src/miscbltin.c: "error setting
	 * limit (%s)"; zsh Src/Builtins/rlimits.c: "setrlimit failed: %e",
	 * "value exceeds hard limit", "can't raise hard limits"; fish
	 * src/builtins/ulimit.rs: "ulimit: Permission denied when changing resource
	 * of type '%ls'" with "Maximum number of open file descriptors" */
	.id = "sh.ulimit-eperm",
	.patterns = {"ulimit: open files: cannot modify limit: Operation not permitted",
		     "ulimit: error setting limit (Operation not permitted)",
		     "limit: setrlimit failed: operation not permitted",
		     "ulimit*value exceeds hard limit", "limit: can't raise hard limits",
		     "changing resource of type 'Maximum number of open file"},
	.runtimes = "bash, dash (sh), zsh, busybox ash",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_FS_NR_OPEN " " LAYER_ID_CAPS " " LAYER_ID_LIMITS_CONF,
	.title = "ulimit -n cannot go above the hard limit",
	.why = "An unprivileged process may raise its soft limit only up to the hard "
	       "limit, and never the hard limit itself (CAP_SYS_RESOURCE). Even root "
	       "gets EPERM above fs.nr_open: the kernel refuses rather than clamps. "
	       "bash's ulimit -n N sets soft and hard together, so it fails as soon as "
	       "N is above the current hard limit.",
	.confirm = "ulimit -Hn; cat /proc/sys/fs/nr_open; headroom check",
	.fix = "ask for at most the hard limit (ulimit -Sn N), or raise the hard "
	       "limit where the session starts: limits.conf (pam_limits, new login), "
	       "LimitNOFILE= for services, or as root headroom exec --nofile N -- CMD; "
	       "raise fs.nr_open first when N is above it",
	.candidates = {{LAYER_ID_NOFILE_HARD, "N is above ulimit -Hn", "ulimit -Hn"},
		       {LAYER_ID_FS_NR_OPEN, "even root fails: N is above fs.nr_open",
			"cat /proc/sys/fs/nr_open"}},
    },
    {
	/* bash builtins/ulimit.def "cannot modify limit: %s" with EINVAL; zsh
	 * "setrlimit failed: invalid argument" (macOS above kern.maxfilesperproc) */
	.id = "sh.ulimit-einval",
	.patterns = {"ulimit: open files: cannot modify limit: Invalid argument",
		     "ulimit: error setting limit (Invalid argument)",
		     "ulimit*setrlimit failed: invalid argument"},
	.runtimes = "bash, dash, zsh (Linux, macOS)",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_KERN_MAXFILESPERPROC " " LAYER_ID_LAUNCHD_MAXFILES,
	.title = "the open-file limit asked for is not allowed (EINVAL)",
	.why = "On Linux the soft limit asked for is above the hard limit (ulimit -Sn "
	       "above ulimit -Hn). On macOS setrlimit refuses values above "
	       "kern.maxfilesperproc, and programs that pass OPEN_MAX cannot go past "
	       "10240: ulimit -n 20000 fails there until the sysctl and launchd's "
	       "maxfiles are raised.",
	.confirm = "Linux: ulimit -Hn. macOS: sysctl kern.maxfiles kern.maxfilesperproc; "
		   "launchctl limit maxfiles",
	.fix = "Linux: raise the hard limit first (see nofile.hard). macOS: sudo "
	       "sysctl -w kern.maxfilesperproc=N kern.maxfiles=M, sudo launchctl limit "
	       "maxfiles N M, then a new shell (headroom apply macos-dev persists it)",
    },
    {
	/* bash builtins/ulimit.def "max user processes: cannot modify limit";
	 * fish "... resource of type 'Maximum number of processes available to
	 * current user'" */
	.id = "sh.ulimit-nproc",
	.patterns = {"ulimit: max user processes: cannot modify limit",
		     "changing resource of type 'Maximum number of processes"},
	.runtimes = "bash",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CAPS " " LAYER_ID_LIMITS_CONF,
	.title = "ulimit -u cannot go above the hard limit",
	.why = "RLIMIT_NPROC counts every process and thread of the user; an "
	       "unprivileged shell may not raise its hard limit.",
	.confirm = "ulimit -Hu; grep processes /proc/self/limits",
	.fix = "a limits.conf nproc line (new login), LimitNPROC= for services, or as "
	       "root headroom exec --nproc N -- CMD",
    },
    {
	/* bash jobs.c make_child(): sys_error("fork: retry") and "fork: %s";
	 * zsh "fork failed: %e"; dash "Cannot fork" */
	.id = "sh.fork",
	.patterns = {"bash: fork: retry:", "bash: fork: Resource temporarily unavailable",
		     "zsh: fork failed: resource temporarily unavailable", "sh: #: Cannot fork"},
	.runtimes = "bash, zsh, dash",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CGROUP_PIDS " " LAYER_ID_THREADS_MAX " " LAYER_ID_PID_MAX,
	.title = "the shell could not start a process: the user or cgroup is out of tasks",
	.why = "fork() returns EAGAIN when the user's RLIMIT_NPROC is reached (every "
	       "thread of every process of the user counts), when the cgroup's pids.max "
	       "is (TasksMax= of the session or service, a container's --pids-limit), or "
	       "at kernel.threads-max or kernel.pid_max. A thread-per-connection "
	       "server under load takes them all and leaves the shell none.",
	.confirm = CONFIRM_TASKS,
	.fix = FIX_TASKS,
	.candidates = {{LAYER_ID_NPROC, "the user runs about ulimit -u tasks",
			"ps -L -u $(id -u) | wc -l; ulimit -u"},
		       {LAYER_ID_CGROUP_PIDS,
			"the session or service reached its pids.max (TasksMax=)",
			"cat /sys/fs/cgroup$(cut -d: -f3 /proc/self/cgroup)/pids.current "
			"pids.max"},
		       {LAYER_ID_PID_MAX, "the whole system is out of process ids",
			"ps -eL | wc -l; sysctl kernel.pid_max kernel.threads-max"}},
    },
    {
	/* sudo: "sudo: ulimit: command not found" (sudo runs programs; ulimit is a
	 * shell builtin) */
	.id = "sh.sudo-ulimit",
	.patterns = {"sudo: ulimit: command not found"},
	.runtimes = "sudo, any shell",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "ulimit is a shell builtin: sudo cannot run it",
	.why = "sudo runs programs, and ulimit is not one. sudo sh -c 'ulimit -n N' "
	       "does run, but raises the limit of that short-lived shell only, never "
	       "of your session or of a running server.",
	.confirm = "type ulimit (\"ulimit is a shell builtin\")",
	.fix = "start the program with the limit: sudo headroom exec --nofile N -- CMD "
	       "(or prlimit --nofile=N:N CMD); for a running process headroom raise "
	       "--pid PID --nofile N; for later sessions limits.conf or LimitNOFILE=",
    },
    {
	/* linux-pam modules/pam_limits/pam_limits.c: "unknown limit item '%s'",
	 * "invalid line '%s' - skipped", "wrong limit value '%s' for limit type
	 * '%s'", "Could not set limit for '%s' to soft=%d, hard=%d: %m" */
	.id = "pam.limits",
	.patterns = {"pam_limits(*): unknown limit item", "pam_limits(*): invalid line",
		     "pam_limits(*): wrong limit value", "pam_limits(*): Could not set limit for"},
	.runtimes = "PAM (pam_limits) in the auth log",
	.cause = LAYER_ID_LIMITS_CONF,
	.also = LAYER_ID_NOFILE_HARD " " LAYER_ID_FS_NR_OPEN,
	.title = "a limits.conf line was skipped or could not be applied at login",
	.why = "pam_limits reads /etc/security/limits.conf and limits.d/*.conf at each "
	       "login: it skips lines it cannot parse (\"nofiles\" for \"nofile\"), and "
	       "when a value is above fs.nr_open setrlimit fails and the session keeps "
	       "the old limit. A line such as \"* hard core 100000\" parses fine and "
	       "changes the wrong limit.",
	.confirm = "headroom check (limits.conf lint); grep -r nofile "
		   "/etc/security/limits.conf /etc/security/limits.d/",
	.fix = "correct the line (DOMAIN TYPE nofile VALUE, VALUE at most fs.nr_open) "
	       "and log in again",
	.candidates = {{LAYER_ID_LIMITS_CONF, "the line is malformed or names the wrong item",
			"headroom check (limits.conf lint)"},
		       {LAYER_ID_FS_NR_OPEN,
			"\"Could not set limit\": the value is above fs.nr_open",
			"cat /proc/sys/fs/nr_open"}},
    },
    {
	/* util-linux sys-utils/prlimit.c: "the %s resource limit is not allowed
	 * to exceed %u (fs.nr_open)" */
	.id = "prlimit.nr-open",
	.patterns = {"resource limit is not allowed to exceed # (fs.nr_open)"},
	.runtimes = "prlimit (util-linux)",
	.cause = LAYER_ID_FS_NR_OPEN,
	.title = "the nofile value asked for is above fs.nr_open",
	.why = "No process may have an open-file limit above fs.nr_open (1,048,576 by "
	       "default), not even root: setrlimit fails with EPERM. prlimit checks it "
	       "before asking.",
	.confirm = "cat /proc/sys/fs/nr_open",
	.fix = "sysctl -w fs.nr_open=N first (persisted in /etc/sysctl.d/), or ask for "
	       "less",
    },
    {
	/* util-linux sys-utils/prlimit.c: "the soft limit %s cannot exceed the
	 * hard limit" */
	.id = "prlimit.soft-above-hard",
	.patterns = {"the soft limit @ cannot exceed the hard limit"},
	.runtimes = "prlimit (util-linux)",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "prlimit was asked for a soft limit above the hard limit",
	.why = "The soft limit can never exceed the hard one. prlimit --nofile=N "
	       "(one value) sets both; --nofile=N: sets only the soft limit, which "
	       "must then stay under the current hard limit.",
	.confirm = "prlimit --pid PID --nofile",
	.fix = "give both: prlimit --pid PID --nofile=SOFT:HARD (raising HARD needs "
	       "root or CAP_SYS_RESOURCE)",
    },
    {
	/* util-linux sys-utils/prlimit.c: err(EXIT_FAILURE, _("failed to set the
	 * %s resource limit"), "NOFILE") */
	.id = "prlimit.set-nofile",
	.patterns = {"failed to set the NOFILE resource limit"},
	.runtimes = "prlimit (util-linux)",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_FS_NR_OPEN " " LAYER_ID_CAPS,
	.title = "prlimit could not change the open-file limit",
	.why = "prlimit(2) refuses with EPERM when the new hard limit is above the "
	       "current one and the caller lacks CAP_SYS_RESOURCE, when the target "
	       "process belongs to another user, or when the value is above "
	       "fs.nr_open; with EINVAL when the soft limit would exceed the hard one.",
	.confirm = "prlimit --pid PID --nofile; id -u; cat /proc/sys/fs/nr_open",
	.fix = "run it as root (sudo prlimit --pid PID --nofile=N:N, or headroom raise "
	       "--pid PID --nofile N), keeping N at most fs.nr_open",
	.candidates = {{LAYER_ID_NOFILE_HARD, "the hard limit was to go up without root",
			"prlimit --pid PID --nofile (HARD column); id -u"},
		       {LAYER_ID_FS_NR_OPEN, "root also fails: the value is above fs.nr_open",
			"cat /proc/sys/fs/nr_open"},
		       {LAYER_ID_CAPS, "the process belongs to another user",
			"ps -o user= -p PID; id -un"}},
    },
    {
	/* util-linux sys-utils/prlimit.c: "failed to set the %s resource limit"
	 * with NPROC */
	.id = "prlimit.set-nproc",
	.patterns = {"failed to set the NPROC resource limit"},
	.runtimes = "prlimit (util-linux)",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CAPS,
	.title = "prlimit could not change the process limit",
	.why = "Raising a hard RLIMIT_NPROC, or changing another user's process, needs "
	       "CAP_SYS_RESOURCE.",
	.confirm = "prlimit --pid PID --nproc; id -u",
	.fix =
	    "sudo prlimit --pid PID --nproc=N:N; persist with LimitNPROC= or " LAYER_ID_LIMITS_CONF,
    },
    {
	/* util-linux sys-utils/prlimit.c: "failed to get the %s resource
	 * limit", "failed to get old %s limit" */
	.id = "prlimit.get",
	.patterns = {"failed to get the @ resource limit", "failed to get old @ limit"},
	.runtimes = "prlimit (util-linux)",
	.cause = LAYER_ID_CAPS,
	.title = "prlimit may not read that process's limits",
	.why = "Reading another user's process limits with prlimit(2) needs "
	       "CAP_SYS_RESOURCE (EPERM), and the process must still exist (ESRCH).",
	.confirm = "ps -o user=,pid= -p PID; id -un",
	.fix = "run it as root or as the process's owner; cat /proc/PID/limits reads "
	       "them without privilege",
    },
    {
	/* util-linux sys-utils/prlimit.c: errx(EXIT_FAILURE, _("failed to parse %s
	 * limit"), ...) */
	.id = "prlimit.parse",
	.patterns = {"failed to parse NOFILE limit", "failed to parse NPROC limit"},
	.runtimes = "prlimit (util-linux)",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "prlimit did not understand the value",
	.why = "prlimit takes SOFT:HARD, SOFT: or :HARD, or one number for both, each a "
	       "number or \"unlimited\"; anything else is refused before a limit is "
	       "touched.",
	.confirm = "prlimit --nofile (shows the current values)",
	.fix = "prlimit --pid PID --nofile=65536:65536",
    },
    {
	/* systemd src/core/exec-invoke.c: log_unit_error_errno(unit, r, "Failed to
	 * adjust resource limit RLIMIT_%s: %m", rlimit_to_string(which_failed)) */
	.id = "systemd.rlimit-nofile",
	.patterns = {"Failed to adjust resource limit RLIMIT_NOFILE"},
	.runtimes = "systemd (journal of the unit)",
	.cause = LAYER_ID_FS_NR_OPEN,
	.also = LAYER_ID_SYSTEMD_DEFAULT,
	.title = "systemd could not give the service its LimitNOFILE",
	.why = "PID 1 runs as root, so the only way setrlimit(RLIMIT_NOFILE) fails for "
	       "it is a value above fs.nr_open: LimitNOFILE= of the unit, or "
	       "DefaultLimitNOFILE= in system.conf for units that set none. The "
	       "service does not start (status=205/LIMITS). A user manager (systemd "
	       "--user) cannot go above its own hard limit either.",
	.confirm = "systemctl show -p LimitNOFILE SERVICE; cat /proc/sys/fs/nr_open; grep "
		   "-r LimitNOFILE /etc/systemd/",
	.fix = "lower LimitNOFILE= to at most fs.nr_open, or raise fs.nr_open first "
	       "(sysctl -w fs.nr_open=N, persisted in /etc/sysctl.d/); then systemctl "
	       "daemon-reload and restart",
	.candidates = {{LAYER_ID_FS_NR_OPEN, "LimitNOFILE= is above /proc/sys/fs/nr_open",
			"systemctl show -p LimitNOFILE SERVICE; cat /proc/sys/fs/nr_open"},
		       {LAYER_ID_SYSTEMD_DEFAULT,
			"the unit sets none and DefaultLimitNOFILE= is the value that is too "
			"high",
			"systemctl show -p DefaultLimitNOFILE"}},
    },
    {
	/* systemd src/core/exec-invoke.c "Failed at step %s spawning %s: %m" and
	 * src/basic/exit-status.c EXIT_LIMITS = 205 "LIMITS" */
	.id = "systemd.step-limits",
	.patterns = {"Failed at step LIMITS spawning", "status=205/LIMITS"},
	.runtimes = "systemd (journal of the unit)",
	.cause = LAYER_ID_FS_NR_OPEN,
	.also = LAYER_ID_SYSTEMD_DEFAULT " " LAYER_ID_NPROC,
	.title = "the service did not start: systemd could not apply its resource limits",
	.why = "Exit status 205 (LIMITS) means setrlimit failed before the program ran. "
	       "For LimitNOFILE= the cause is a value above fs.nr_open; the line just "
	       "before it in the journal names the RLIMIT_ that failed.",
	.confirm = "journalctl -u SERVICE | grep 'adjust resource limit'; systemctl show -p "
		   "LimitNOFILE -p LimitNPROC SERVICE; cat /proc/sys/fs/nr_open",
	.fix = "bring LimitNOFILE= to at most fs.nr_open (or raise fs.nr_open), "
	       "daemon-reload, restart",
    },
    {
	/* systemd src/core/exec-invoke.c "Failed to adjust resource limit
	 * RLIMIT_%s: %m" for the other limits */
	.id = "systemd.rlimit",
	.patterns = {"Failed to adjust resource limit RLIMIT_"},
	.runtimes = "systemd",
	.cause = LAYER_ID_SYSTEMD_UNIT,
	.title = "systemd could not apply a Limit*= setting of the unit",
	.why = "The unit asks for a resource limit the kernel refuses (LimitNPROC=, "
	       "LimitMEMLOCK= above what this manager may set); the service does not "
	       "start.",
	.confirm = "systemctl show SERVICE | grep ^Limit",
	.fix = "correct the Limit*= line (systemctl edit SERVICE), daemon-reload, restart",
    },
    {
	/* systemd src/core/load-fragment.c config_parse_rlimit / src/basic
	 * rlimit-util: "Failed to parse resource value, ignoring: %s", "Soft
	 * resource limit chosen higher than hard limit, ignoring: %s" */
	.id = "systemd.limit-syntax",
	.patterns = {"Failed to parse resource value, ignoring",
		     "resource limit chosen higher than hard limit, ignoring"},
	.runtimes = "systemd (daemon-reload, systemd-analyze verify)",
	.cause = LAYER_ID_SYSTEMD_UNIT,
	.also = LAYER_ID_SYSTEMD_DEFAULT,
	.title = "a LimitNOFILE= (or other Limit*=) line was ignored",
	.why = "systemd could not parse the value (a comment on the same line, a unit "
	       "suffix it does not know, SOFT:HARD with SOFT above HARD) and ignored "
	       "the whole setting: the service runs with DefaultLimitNOFILE (1024 soft "
	       "on most systems) instead.",
	.confirm = "systemd-analyze verify SERVICE; systemctl show -p LimitNOFILE SERVICE",
	.fix = "write the value alone: LimitNOFILE=65536 or LimitNOFILE=65536:524288 "
	       "(comments on their own line), then daemon-reload and restart",
    },
    {
	/* systemd src/core/unit.c: "A process of this unit has been killed by the
	 * OOM killer."; src/core/service.c result "oom-kill" */
	.id = "systemd.oom",
	.patterns = {"A process of this unit has been killed by the OOM killer",
		     "Failed with result 'oom-kill'"},
	.runtimes = "systemd (journal of the unit)",
	.cause = LAYER_ID_CGROUP_MEMORY,
	.also = LAYER_ID_MEM_PER_CONN,
	.title = "the kernel's OOM killer killed a process of the service",
	.why = "The unit's cgroup reached MemoryMax= (or the machine ran out of "
	       "memory): the process was killed, and its clients then see refused "
	       "or reset connections.",
	.confirm = "systemctl show -p MemoryMax -p MemoryCurrent SERVICE; dmesg | grep -i "
		   "'killed process'",
	.fix = "raise MemoryMax= or lower memory per connection; more memory",
	.candidates = {{LAYER_ID_CGROUP_MEMORY, "the unit has MemoryMax= and reached it",
			"systemctl show -p MemoryMax -p MemoryPeak SERVICE"},
		       {LAYER_ID_MEM_PER_CONN, "the whole machine ran out of memory",
			"dmesg | grep -i 'out of memory'; free -m"}},
    },
    {
	/* opencontainers/runc libcontainer/process_linux.go setupRlimits():
	 * fmt.Errorf("error setting rlimit type %v: %w", rlimit.Type, err);
	 * type 7 is RLIMIT_NOFILE; containers/crun src/libcrun/linux.c:
	 * crun_make_error(err, errno, "setrlimit `%s`", type) */
	.id = "runc.rlimit-nofile",
	.patterns = {"error setting rlimit type 7~", "setrlimit `RLIMIT_NOFILE`"},
	.runtimes = "docker, containerd, podman (runc, crun)",
	.cause = LAYER_ID_NOFILE_HARD,
	.also = LAYER_ID_FS_NR_OPEN " " LAYER_ID_CAPS,
	.title = "the container runtime could not set the container's nofile limit",
	.why = "docker --ulimit nofile=N (or compose ulimits:, a Kubernetes runtime "
	       "default) asked for more than the runtime may set: above the hard limit "
	       "of a rootless daemon or of a runtime without CAP_SYS_RESOURCE, or "
	       "above the host's fs.nr_open (it is not namespaced).",
	.confirm = "grep 'open files' /proc/$(pidof dockerd)/limits; cat "
		   "/proc/sys/fs/nr_open; docker info | grep -i rootless",
	.fix = "ask for at most the daemon's hard limit (raise LimitNOFILE= of "
	       "docker.service or of the rootless user's manager first), and at "
	       "most " LAYER_ID_FS_NR_OPEN,
	.candidates = {{LAYER_ID_NOFILE_HARD,
			"the daemon's own hard limit is lower (rootless, "
			"restricted)",
			"grep 'open files' /proc/$(pidof dockerd)/limits"},
		       {LAYER_ID_FS_NR_OPEN, "the value is above the host's fs.nr_open",
			"cat /proc/sys/fs/nr_open"}},
    },
    {
	/* runc libcontainer/process_linux.go: "error setting rlimit type %v";
	 * type 6 is RLIMIT_NPROC */
	.id = "runc.rlimit-nproc",
	.patterns = {"error setting rlimit type 6~", "setrlimit `RLIMIT_NPROC`"},
	.runtimes = "docker, containerd, podman (runc, crun)",
	.cause = LAYER_ID_NPROC,
	.also = LAYER_ID_CAPS,
	.title = "the container runtime could not set the container's nproc limit",
	.why = "--ulimit nproc=N above the hard limit the runtime itself runs with "
	       "(rootless daemons, restricted hosts).",
	.confirm = "grep processes /proc/$(pidof dockerd)/limits",
	.fix = "ask for at most the daemon's hard limit, or raise LimitNPROC= of the "
	       "daemon",
    },
    {
	/* runc libcontainer/process_linux.go: "error setting rlimit type %v";
	 * type 8 is RLIMIT_MEMLOCK (Elasticsearch's memory_lock, io_uring) */
	.id = "runc.rlimit-memlock",
	.patterns = {"error setting rlimit type 8~", "setrlimit `RLIMIT_MEMLOCK`"},
	.runtimes = "docker, containerd, podman (runc, crun)",
	.cause = "app.memlock",
	.title = "the container runtime could not set the locked-memory limit",
	.why = "--ulimit memlock=-1 (unlimited) needs a runtime that may raise "
	       "RLIMIT_MEMLOCK: rootless docker and restricted hosts cannot.",
	.confirm = "grep 'locked memory' /proc/$(pidof dockerd)/limits",
	.fix = "use a finite memlock within the daemon's limit, or disable memory "
	       "locking in the application (bootstrap.memory_lock: false)",
    },
    {
	/* docker/go-units ulimit.go: fmt.Errorf("ulimit soft limit must be less
	 * than or equal to hard limit: %d > %d", soft, hard) */
	.id = "docker.ulimit-soft-hard",
	.patterns = {"ulimit soft limit must be less than or equal to hard limit"},
	.runtimes = "docker, docker compose",
	.cause = LAYER_ID_NOFILE_HARD,
	.title = "the --ulimit value has its soft limit above its hard limit",
	.why = "--ulimit nofile=SOFT:HARD (compose: soft:, hard:) needs SOFT at most "
	       "HARD; one number sets both.",
	.confirm = "the --ulimit or ulimits: line of the command or compose file",
	.fix = "--ulimit nofile=65536:65536",
    },
    {
	/* apple launchd launchctl: "Could not set resource limits: %d: %s" */
	.id = "macos.launchctl-limit",
	.patterns = {"Could not set resource limits: #: Operation not permitted"},
	.runtimes = "macOS launchctl",
	.cause = LAYER_ID_LAUNCHD_MAXFILES,
	.also = LAYER_ID_KERN_MAXFILES " " LAYER_ID_KERN_MAXFILESPERPROC,
	.title = "launchctl limit maxfiles was refused",
	.why = "launchd's limits are inherited by everything it starts; changing them "
	       "needs root, and the values cannot exceed kern.maxfiles and "
	       "kern.maxfilesperproc. Without a LaunchDaemon that sets them at boot "
	       "they are lost at the next reboot.",
	.confirm = "launchctl limit maxfiles; sysctl kern.maxfiles kern.maxfilesperproc",
	.fix = "sudo launchctl limit maxfiles N M after raising the two sysctls; "
	       "persist with a LaunchDaemon plist that runs it at boot (headroom apply "
	       "macos-dev); open a new shell",
    },
    {
	/* macOS sysctl(8): "sysctl: kern.maxfiles=N: Operation not permitted" */
	.id = "macos.sysctl-maxfiles",
	.patterns = {"sysctl: kern.maxfilesperproc*Operation not permitted",
		     "sysctl: kern.maxfiles*Operation not permitted"},
	.runtimes = "macOS sysctl",
	.cause = LAYER_ID_KERN_MAXFILESPERPROC,
	.also = LAYER_ID_KERN_MAXFILES " " LAYER_ID_LAUNCHD_MAXFILES,
	.title = "the macOS open-file sysctls need root",
	.why = "kern.maxfiles (the whole system) and kern.maxfilesperproc (each "
	       "process) cap every ulimit -n and launchctl limit on macOS; only root "
	       "may raise them, and they reset at reboot.",
	.confirm = "sysctl kern.maxfiles kern.maxfilesperproc",
	.fix = "sudo sysctl -w kern.maxfiles=M kern.maxfilesperproc=N, then sudo "
	       "launchctl limit maxfiles N M (headroom apply macos-dev persists both)",
    },
};
const size_t explain_cat_admin_len = nitems(explain_cat_admin);
