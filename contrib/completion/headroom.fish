# fish completion for headroom(1).
#
# Commands, options and option values come from the binary being completed
# (`headroom --list-options`, `headroom CMD --list-options`: its own option
# tables), so they cannot drift from what it parses. Profile names come
# from `headroom -q profiles` (both profile directories), journal ids from
# `headroom history` (under --root when given), pids and process names
# from /proc.

# The binary on the command line being completed, else headroom.
function __headroom_bin
    set -l bin (commandline -opc)[1]
    if command -sq -- $bin; or test -x "$bin"
        echo $bin
    else
        echo headroom
    end
end

# The command word (the first word that is not an option or --root's DIR).
function __headroom_cmd
    set -l words (commandline -opc)
    set -e words[1]
    while set -q words[1]
        switch $words[1]
            case --root
                set -e words[1]
            case '-*'
            case '*'
                echo $words[1]
                return 0
        end
        set -e words[1]
    end
    return 1
end

function __headroom_root
    set -l words (commandline -opc)
    for i in (seq (count $words))
        switch $words[$i]
            case --root
                set -q words[(math $i + 1)]; and printf '%s\n' --root $words[(math $i + 1)]
            case '--root=*'
                printf '%s\n' --root (string replace -- --root= '' $words[$i])
        end
    end
end

# The tables of the command being completed: "kind long short takes words desc".
function __headroom_lines
    set -l cmd (__headroom_cmd)
    set -l bin (__headroom_bin)
    $bin $cmd --list-options 2>/dev/null
end

# Options as fish completes them: --long and -s (with descriptions).
function __headroom_options
    set -l cur (commandline -ct)
    for line in (__headroom_lines)
        set -l f (string split \t -- $line)
        test "$f[1]" = option; or continue
        string match -q -- '--*' $cur; or test "$f[3]" = -; or echo -e "$f[3]\t$f[6]"
        echo -e "$f[2]\t$f[6]"
    end
end

# The option whose argument is being completed, if any: its table line.
function __headroom_value_line
    set -l prev (commandline -opc)[-1]
    set -l cur (commandline -ct)
    set -l opt $prev
    if string match -q -- '--*=*' $cur
        set opt (string split -m1 = -- $cur)[1]
    end
    for line in (__headroom_lines)
        set -l f (string split \t -- $line)
        test "$f[1]" = option; or continue
        test "$f[4]" != -; or continue
        if test "$opt" = "$f[2]"; or test "$opt" = "$f[3]"
            echo $line
            return 0
        end
    end
    return 1
end

function __headroom_needs_value
    __headroom_value_line >/dev/null
end

function __headroom_pids
    for p in (string match -r '^/proc/[0-9]+$' /proc/*)
        read -l c <$p/comm 2>/dev/null; or continue
        echo -e (string replace /proc/ '' $p)\t$c
    end
end

function __headroom_values
    set -l f (string split \t -- (__headroom_value_line))
    set -l cur (commandline -ct)
    set -l pre ''
    string match -q -- '--*=*' $cur; and set pre (string split -m1 = -- $cur)[1]=
    if test "$f[5]" != -
        printf "$pre%s\n" (string split , -- $f[5])
        return
    end
    switch $f[4]
        case PID
            # pids, each with its process name as the description
            __headroom_pids | string replace -r '^' "$pre"
        case FILE
            __fish_complete_path (string replace -- "$pre" '' $cur) | string replace -r '^' "$pre"
        case DIR
            __fish_complete_directories (string replace -- "$pre" '' $cur) | string replace -r '^' "$pre"
        case NAME
            test "$f[2]" = --user; and __fish_complete_users | string replace -r '^' "$pre"
    end
end

# Operands: commands, profiles, journal ids, exec's command.
function __headroom_operands
    set -l bin (__headroom_bin)
    set -l cmd (__headroom_cmd)
    or begin
        for line in ($bin --list-options 2>/dev/null)
            set -l f (string split \t -- $line)
            test "$f[1]" = command; and echo -e "$f[2]\t$f[6]"
        end
        return
    end
    switch $cmd
        case apply profiles
            $bin -q profiles 2>/dev/null | string replace -r '\s+' \t
        case revert history
            $bin (__headroom_root) history 2>/dev/null | string match -r '^[0-9]+ .*' | string replace -r '\s+' \t
        case exec
            # COMMAND [ARG]...: a command first, then files
            set -l words (commandline -opc)
            set -l takes
            for line in (__headroom_lines)
                set -l f (string split \t -- $line)
                test "$f[4]" != -; and set -a takes $f[2] $f[3]
            end
            set -l operands 0
            set -l skip 0
            for w in $words[(math (contains -i -- exec $words) + 1)..-1]
                if test $skip -eq 1
                    set skip 0
                else if test "$w" = --
                    continue
                else if contains -- $w $takes
                    set skip 1
                else if not string match -q -- '-*' $w
                    set operands (math $operands + 1)
                end
            end
            if test $operands -eq 0
                __fish_complete_command
            else
                __fish_complete_path (commandline -ct)
            end
    end
end

complete -c headroom -f
complete -c headroom -n __headroom_needs_value -a '(__headroom_values)'
complete -c headroom -n 'not __headroom_needs_value; and string match -q -- "-*" (commandline -ct)' -a '(__headroom_options)'
complete -c headroom -n 'not __headroom_needs_value; and not string match -q -- "-*" (commandline -ct)' -a '(__headroom_operands)'
