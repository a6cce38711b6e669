#!/usr/bin/env python3
"""mk/funclen.py DIR...: the function lengths of the C files under DIR
(the figures the structure work is measured by). A body starts at a line
that is "{" and ends at the next line starting with "}" in column 0, as
clang-format lays out this tree. Prints count, median, p90 and max lines,
and the five longest."""
import sys, glob, statistics
lens = []
for root in sys.argv[1:]:
    for f in sorted(glob.glob(root + '/**/*.c', recursive=True)):
        lines = open(f, errors='replace').read().split('\n')
        start = None
        for i, l in enumerate(lines):
            if l == '{':
                start = i
            elif l.startswith('}') and start is not None:
                name = lines[start - 1].split('(')[0]
                lens.append((i - start - 1, f, name))
                start = None
lens.sort()
n = [x[0] for x in lens]
print(f"functions {len(n)} median {statistics.median(n)} p90 {n[int(len(n)*0.9)]} max {n[-1]}")
for x in lens[-5:]:
    print(*x)
