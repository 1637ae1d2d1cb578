#!/usr/bin/env python3
"""What each Lambda cold-start process loads, and when (docs/PERFORMANCE.md, "Lambda cold start: what the first event loads").

    java -Dcoldstart.show=true -Dcoldstart.jvmFlags="-Xlog:class+load:file=/tmp/cl-%p.txt:timemillis" \\
        -cp functions/target/functions.jar:functions/target/test-classes \\
        dev.rehearsal.functions.bench.ColdStartBenchmark 1 > /tmp/coldstart.txt
    tools/bench/coldstart-classes.py /tmp/coldstart.txt /tmp

Reads the benchmark's SAMPLE lines (pid, handler, the launcher's main/init/done epoch microseconds) and each
process's class-load log, and prints per handler: classes loaded in total, in static init + constructor and
in the first event, by group; and for the first event, the wall time between consecutive class loads charged
to the group of the class whose load ends the gap (a rough profile: code that runs without loading classes
is charged to whatever loads next).
"""
import re
import sys
from collections import Counter, OrderedDict

GROUPS = [
    ("jackson-databind", "com.fasterxml.jackson.databind."),
    ("jackson-core", "com.fasterxml.jackson.core."),
    ("jackson-annotations", "com.fasterxml.jackson.annotation."),
    ("aws-sdk dynamodb", "software.amazon.awssdk.services.dynamodb."),
    ("aws-sdk other", "software.amazon."),
    ("engine", "dev.rehearsal.engine."),
    ("store", "dev.rehearsal.store."),
    ("providers", "dev.rehearsal.providers."),
    ("functions", "dev.rehearsal.functions."),
    ("lambda events", "com.amazonaws."),
    ("jdk", ""),
]


def group(cls):
    for name, prefix in GROUPS:
        if cls.startswith(prefix):
            return name
    return "jdk"


def main(out_file, log_dir):
    samples = []
    for line in open(out_file, encoding="utf-8"):
        m = re.match(r"SAMPLE pid=(\d+) case=(\S+) COLDSTART main=(\d+) init=(\d+) done=(\d+)", line.strip())
        if m:
            pid, case, main_us, init_us, done_us = m.groups()
            samples.append((pid, case, int(main_us) / 1000, int(init_us) / 1000, int(done_us) / 1000))
    seen = OrderedDict()
    for pid, case, t_main, t_init, t_done in samples:
        seen.setdefault(case, []).append((pid, t_main, t_init, t_done))
    for case, runs in seen.items():
        pid, t_main, t_init, t_done = runs[-1]  # the last round: page cache warm
        loads = []
        for line in open(f"{log_dir}/cl-{pid}.txt", encoding="utf-8"):
            m = re.match(r"\[(\d+)ms\] (\S+) source:", line)
            if m:
                loads.append((int(m.group(1)), m.group(2)))
        phase = {"before main": Counter(), "init": Counter(), "first event": Counter()}
        spent = Counter()
        prev = t_init
        for t, cls in loads:
            p = "before main" if t < t_main else "init" if t < t_init else "first event" if t <= t_done + 1 else None
            if p is None:
                continue
            phase[p][group(cls)] += 1
            if p == "first event":
                spent[group(cls)] += max(0, t - prev)
                prev = t
        total = sum(sum(c.values()) for c in phase.values())
        print(f"\n## {case} (pid {pid}): {total} classes; init {t_init - t_main:.0f} ms, first event {t_done - t_init:.0f} ms")
        print("| group | before main | init + constructor | first event | first-event ms (gaps) |")
        print("|---|---:|---:|---:|---:|")
        for name, _ in GROUPS:
            row = [phase[p][name] for p in ("before main", "init", "first event")]
            if any(row):
                print(f"| {name} | {row[0]} | {row[1]} | {row[2]} | {spent[name]:.0f} |")
        print(f"| **total** | {sum(phase['before main'].values())} | {sum(phase['init'].values())} | "
              f"{sum(phase['first event'].values())} | {sum(spent.values()):.0f} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
