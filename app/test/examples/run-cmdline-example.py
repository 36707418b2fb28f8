#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Build one of DPDK 22.11's interactive multi-process examples, unchanged,
against dpkit (its cmdline library included) and drive it through stdin.

  simple_mp  a primary and a secondary share two rings and a pool. Each is
             typed commands on its stdin (a pipe: no terminal, no echo):
             "send <word>" in one must make the other print
             "core N: Received '<word>'"; a mistyped command must print
             "Command not found", a missing argument "Bad arguments";
             "help" prints the command list; "quit" ends each process with
             status 0, the secondary first.
  hotplug_mp a primary and a secondary attach and detach net_null devices
             with "attach <devargs>" / "detach <devargs>" typed in either;
             after each, "list" in both must show the same ports (a device
             attached or detached in one process is in or out of the
             other's list). Refusals: an unknown driver ("cannot parse
             devargs"), a bad driver argument and a duplicate name ("failed
             to attached device", the example's wording), a typo ("Command
             not found"). "quit" ends each with status 0.

Building reuses run-example.py (copy from Debian's dpdk-doc, the example's
own Makefile, pkg-config libdpdk pointing at the uninstalled libdpkit).
Exit status: 0 pass, 1 fail, 77 skip (with the reason printed).
"""

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "run_example", os.path.join(HERE, "run-example.py"))
ex = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ex)

ex.EXAMPLES["simple_mp"] = dict(dir="multi_process/simple_mp",
                                app="simple_mp", args=[], ready=None,
                                ends="quit")
ex.EXAMPLES["hotplug_mp"] = dict(dir="multi_process/hotplug_mp",
                                 app="hotplug_mp", args=[], ready=None,
                                 ends="quit")
PROMPT = "simple_mp > "
HOTPLUG_PROMPT = "example> "


class Interactive(ex.Example):
    """The example with a pipe on its stdin and its output in files."""

    def __init__(self, name, cmd, env, work, prompt=PROMPT):
        self.name = name
        self.prompt = prompt
        ex.log(f"{name}:")
        super().__init__(cmd, env, work, tag=f"_{name}",
                         stdin=subprocess.PIPE)

    def wait_count(self, pattern, n, timeout):
        """Until @pattern occurs @n times in stdout (False on timeout or
        when the process ends first)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(re.findall(pattern, self.stdout())) >= n:
                return True
            if self.proc.poll() is not None:
                return len(re.findall(pattern, self.stdout())) >= n
            time.sleep(0.05)
        return False

    def type(self, line):
        ex.log(f"{self.name} < {line}")
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def command(self, line, procs, timeout=20):
        """Type @line and wait for the prompt that follows its output."""
        seen = self.stdout().count(self.prompt)
        self.type(line)
        expect(self, re.escape(self.prompt), seen + 1,
               f"no prompt after '{line}'", procs, timeout)
        return self.stdout()

    def finish(self, timeout=15):
        return super().finish(timeout)

    def show(self):
        ex.log(f"---- {self.name} stdout ----")
        ex.log(self.stdout())
        ex.log(f"---- {self.name} stderr ----")
        ex.log(self.stderr())


def expect(proc, pattern, n, what, procs, timeout=20):
    if not proc.wait_count(pattern, n, timeout):
        for p in procs:
            if p.proc.poll() is None:
                p.proc.kill()
                p.proc.wait()
            p.show()
        ex.fail(f"{proc.name}: {what} (expected {n}x /{pattern}/)")


def start_pair(binary, env, work, example, prompt):
    """A small --no-huge primary, then a secondary that maps its memory;
    each has printed its prompt."""
    eal = ["-l", "0-1", "--file-prefix", f"ex_{example}_{os.getpid()}"]
    primary = Interactive("primary", [binary] + eal +
                          ["--proc-type=primary", "--no-huge", "-m", "64"],
                          env, work, prompt)
    expect(primary, re.escape(prompt), 1, "no prompt", [primary])
    secondary = Interactive("secondary", [binary] + eal +
                            ["--proc-type=secondary"], env, work, prompt)
    expect(secondary, re.escape(prompt), 1, "no prompt", [primary, secondary])
    return primary, secondary


def quit_pair(primary, secondary):
    """'quit' the secondary, then the primary: both end with status 0 and
    print no crash marker."""
    secondary.type("quit")
    rc_sec = secondary.finish()
    primary.type("quit")
    rc_pri = primary.finish()
    for p in (primary, secondary):
        p.show()
    for p, rc in ((primary, rc_pri), (secondary, rc_sec)):
        for marker in ex.CRASH_MARKERS:
            if marker in p.stdout() or marker in p.stderr():
                ex.fail(f"'{marker}' in the output of the {p.name}")
        if rc != 0:
            ex.fail(f"the {p.name} ended with status {rc} after 'quit', "
                    "expected 0")


def run_simple_mp(binary, env, work):
    # the example needs a 1024 x 128 B pool and two rings
    primary, secondary = start_pair(binary, env, work, "simple_mp", PROMPT)
    procs = [primary, secondary]

    primary.type("send hello_from_primary")
    expect(secondary, r"core \d+: Received 'hello_from_primary'", 1,
           "the message sent by the primary did not arrive", procs)
    secondary.type("send hello_from_secondary")
    expect(primary, r"core \d+: Received 'hello_from_secondary'", 1,
           "the message sent by the secondary did not arrive", procs)
    # ten more each way, in order
    for i in range(10):
        primary.type(f"send p{i}")
        secondary.type(f"send s{i}")
    expect(secondary, r"Received 'p9'", 1, "p0..p9 not all received", procs)
    expect(primary, r"Received 's9'", 1, "s0..s9 not all received", procs)
    primary.type("sned typo")
    expect(primary, r"Command not found", 1, "a typo was not refused", procs)
    secondary.type("send")
    expect(secondary, r"Bad arguments", 1,
           "a missing argument was not refused", procs)
    secondary.type("help")
    expect(secondary, r"- send \[string\]", 1, "no help text", procs)

    quit_pair(primary, secondary)
    for p, other, tag in ((primary, secondary, "s"),
                          (secondary, primary, "p")):
        got = re.findall(r"Received '" + tag + r"(\d)'", p.stdout())
        if got != [str(i) for i in range(10)]:
            ex.fail(f"the {p.name} received {got} from the {other.name}, "
                    "expected 0..9 in order")
    ex.log("PASS: simple_mp primary and secondary exchanged 11 messages each "
           "way over the shared rings and pool, typed on stdin; 'Command not "
           "found', 'Bad arguments' and help printed; both quit with status 0")


def listing(proc, procs):
    """The port names 'list' prints in @proc now."""
    out = proc.command("list", procs)
    part = out[out.rfind("list all etherdev"):]
    part = part[:part.find(proc.prompt)]
    return re.findall(r"^\d+\t(\S+)$", part, re.M)


def expect_lists(procs, want, after):
    for p in procs:
        got = listing(p, procs)
        if got != want:
            for q in procs:
                q.show()
            ex.fail(f"after {after}: 'list' in the {p.name} shows {got}, "
                    f"expected {want}")


def hotplug(proc, line, answer, procs):
    """Type @line in @proc; its output must end with the line @answer."""
    out = proc.command(line, procs)
    # no echo on a pipe: the answer follows the previous prompt on its line
    last = out[:out.rfind(proc.prompt)].rstrip("\n").split("\n")[-1]
    last = last.replace(proc.prompt, "")
    if last != answer:
        for q in procs:
            q.show()
        ex.fail(f"{proc.name}: '{line}' answered '{last}', expected "
                f"'{answer}'")


def run_hotplug_mp(binary, env, work):
    primary, secondary = start_pair(binary, env, work, "hotplug_mp",
                                    HOTPLUG_PROMPT)
    procs = [primary, secondary]
    expect_lists(procs, [], "start-up")
    hotplug(primary, "attach net_null0", "attached device net_null0", procs)
    expect_lists(procs, ["net_null0"], "'attach net_null0' in the primary")
    hotplug(secondary, "attach vdev:net_null1,size=64",
            "attached device net_null1", procs)
    expect_lists(procs, ["net_null0", "net_null1"],
                 "'attach vdev:net_null1,size=64' in the secondary")
    hotplug(secondary, "detach net_null0", "detached device net_null0", procs)
    expect_lists(procs, ["net_null1"], "'detach net_null0' in the secondary")
    hotplug(primary, "detach net_null1", "detached device net_null1", procs)
    expect_lists(procs, [], "'detach net_null1' in the primary")

    # refusals, each leaving both lists empty
    hotplug(secondary, "attach net_nodriver0", "cannot parse devargs", procs)
    hotplug(secondary, "attach net_null2,bogus=1",
            "failed to attached device net_null2", procs)
    hotplug(primary, "detach net_null2", "failed to detach device net_null2",
            procs)
    expect_lists(procs, [], "refused attaches")
    hotplug(primary, "attach net_null3", "attached device net_null3", procs)
    hotplug(secondary, "attach net_null3",
            "failed to attached device net_null3", procs)
    expect_lists(procs, ["net_null3"], "a duplicate 'attach net_null3'")
    hotplug(secondary, "detach net_null3", "detached device net_null3", procs)
    expect_lists(procs, [], "'detach net_null3' in the secondary")
    primary.command("atach net_null0", procs)
    if "Command not found" not in primary.stdout():
        primary.show()
        ex.fail("primary: the typo 'atach' was not refused")
    secondary.command("help", procs)
    if "- attach <devargs>" not in secondary.stdout():
        secondary.show()
        ex.fail("secondary: no help text")

    quit_pair(primary, secondary)
    ex.log("PASS: hotplug_mp primary and secondary attached and detached "
           "net_null devices typed in either, 'list' agreeing in both after "
           "each; an unknown driver, a bad argument and a duplicate refused; "
           "'Command not found' for a typo; both quit with status 0")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build-dir", required=True)
    p.add_argument("--example", choices=["simple_mp", "hotplug_mp"],
                   required=True)
    a = p.parse_args()
    build_dir = os.path.realpath(a.build_dir)
    preload = ex.sanitizer_preload(build_dir)
    if a.example == "simple_mp":
        ex.skip_handover_under_asan(a.example, preload)
    with tempfile.TemporaryDirectory(prefix="dpkit-cmdline-example-") as work:
        binary = ex.build(a.example, build_dir, work)
        env = ex.example_env(build_dir, preload)
        if a.example == "simple_mp":
            run_simple_mp(binary, env, work)
        else:
            run_hotplug_mp(binary, env, work)


if __name__ == "__main__":
    main()
