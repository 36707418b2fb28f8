#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Build one of DPDK 22.11's own example programs, unchanged, against dpkit
and run it on dpkit's virtual ports.

The sources come from Debian's dpdk-doc package at test time (they are never
part of this tree). The example is copied to a temporary directory and built
with its own Makefile, which asks pkg-config for `libdpdk`: here that is the
alias of the build tree's uninstalled libdpkit. Then it runs:

  --ports none       helloworld: must greet from every lcore and exit 0.
  --ports null       two net_null ports for a few seconds. The forwarders
                     that loop until Ctrl+C are stopped with SIGINT; the
                     test checks they were alive until then and died of that
                     signal (basicfwd, rxtx_callbacks have no handler) or
                     exited 0 (l2fwd handles it).
  --ports af_packet  two net_af_packet ports on veth pairs inside a network
                     namespace this script creates. Tagged frames are
                     injected on the far end of one pair and must come out,
                     intact and exactly once, on the far end of the other
                     pair, in both directions: that is forwarding seen from
                     outside the process.
  --ports mp_null    the multi-process examples on two net_null ports: a
                     primary and secondaries with one --file-prefix
                     (client_server_mp: mp_server and two mp_client;
                     symmetric_mp: two processes, one queue each). The
                     counters they print must show packets on both sides.

Exit status: 0 pass, 1 fail, 77 skip (with the reason printed), as meson
expects.
"""

import argparse
import functools
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

SKIP = 77
EXAMPLES_DIR = "/usr/share/dpdk/examples"

# name -> where it lives under EXAMPLES_DIR, the binary its Makefile builds,
# the application arguments (after "--"), the stdout line that says it is
# forwarding, and how it ends.
EXAMPLES = {
    "helloworld": dict(dir="helloworld", app="helloworld", args=[],
                       ready=None, ends="by itself"),
    "basicfwd": dict(dir="skeleton", app="basicfwd", args=[],
                     ready=r"forwarding packets", ends="SIGINT kills it"),
    # Its tx callback prints "Latency = N cycles" each time 100 million
    # packets have gone out: on net_null that line proves forwarding.
    "rxtx_callbacks": dict(dir="rxtx_callbacks", app="rxtx_callbacks",
                           args=[], ready=r"forwarding packets",
                           ends="SIGINT kills it",
                           null_proof=(r"Latency = \d+ cycles",
                                       100 * 1000 * 1000)),
    # one lcore serves both ports (-q 2); stats every second (-T 1)
    # It includes <rte_interrupts.h> without using a name from it; dpkit
    # ships that header empty. Should it go, the test SKIPs saying why.
    "l2fwd": dict(dir="l2fwd", app="l2fwd", args=["-p", "0x3", "-q", "2",
                                                   "-T", "1"],
                  ready=r"Port statistics", ends="handles SIGINT",
                  out_of_scope_headers=["rte_interrupts.h"]),
    # multi-process: the Makefile of the directory builds every program
    "client_server_mp": dict(dir="multi_process/client_server_mp",
                             app="mp_server/build/mp_server",
                             client="mp_client/build/mp_client", args=[],
                             ready=r"displaying statistics",
                             ends="handles SIGINT"),
    "symmetric_mp": dict(dir="multi_process/symmetric_mp", app="symmetric_mp",
                         args=[], ready=r"using queue", ends="handles SIGINT"),
}

ETHERTYPE = 0x88B5          # IEEE 802 local experimental
TAG = b"dpkit-example"      # marks the frames this test injects
CRASH_MARKERS = ("AddressSanitizer", "LeakSanitizer", "ThreadSanitizer",
                 "runtime error:", "Segmentation fault", "PANIC", "Aborted")


def log(msg):
    print(msg, flush=True)


def skip(reason):
    log("SKIP: " + reason)
    sys.exit(SKIP)


def fail(reason):
    log("FAIL: " + reason)
    sys.exit(1)


# ---- build ----

def build(example, build_dir, work):
    spec = EXAMPLES[example]
    src = os.path.join(EXAMPLES_DIR, spec["dir"])
    if not os.path.isdir(src):
        skip(f"{src} not found: DPDK's example sources come from Debian's "
             "dpdk-doc package (devtools/setup.sh installs it)")
    dst = os.path.join(work, os.path.basename(spec["dir"]))
    shutil.copytree(src, dst)
    env = dict(os.environ)
    env["PKG_CONFIG_PATH"] = ":".join([
        os.path.join(build_dir, "buildtools", "pkgconfig"),
        os.path.join(build_dir, "meson-uninstalled")])
    # warnings are errors: a warning here would come from dpkit's headers,
    # since the same sources build cleanly against DPDK
    env["CFLAGS"] = "-Wall -Wextra -Werror"
    if "asan" in sanitizer_preload(build_dir):
        # the pool's inline get and put mark objects for AddressSanitizer;
        # compiled without it, the example would touch objects that the
        # library poisoned and nothing unpoisoned
        env["CFLAGS"] += " -fsanitize=address"
        env["LDFLAGS"] = "-fsanitize=address"
    log(f"build: {src} (unchanged copy) with its Makefile, "
        "pkg-config libdpdk -> uninstalled libdpkit")
    r = subprocess.run(["make", "-C", dst, "shared"], env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        log(r.stdout)
        for h in spec.get("out_of_scope_headers", []):
            if re.search(r"fatal error: " + re.escape(h) + ": No such file",
                         r.stdout):
                skip(f"{example} includes <{h}>, which is outside the DPDK "
                     "API dpkit provides (devtools/dpdk-22.11-in-scope.tsv)")
        fail(f"{example} does not build against dpkit")
    if "/" in spec["app"]:
        return dst   # several programs: the caller picks them
    return os.path.join(dst, "build", spec["app"])


# ---- running ----

def hugepages_free_mb():
    free = size_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("HugePages_Free:"):
                free = int(line.split()[1])
            elif line.startswith("Hugepagesize:"):
                size_kb = int(line.split()[1])
    return free * size_kb // 1024


def eal_args(example, lcores, vdevs):
    # --in-memory: no hugepage files are left behind when SIGINT kills a
    # forwarder that has no handler of its own.
    args = ["-l", lcores, "--in-memory", "--file-prefix",
            f"ex_{example}_{os.getpid()}"]
    mem_mb = 256
    # leave most of the shared hugepages to the tests running next to us
    if hugepages_free_mb() >= 4 * mem_mb:
        args += ["-m", str(mem_mb)]
        log(f"memory: {mem_mb} MB of hugepages")
    else:
        args += ["--no-huge", "-m", str(mem_mb)]
        log(f"memory: not enough free hugepages, --no-huge -m {mem_mb}")
    for v in vdevs:
        args += ["--vdev", v]
    return args


@functools.lru_cache(maxsize=None)   # build() and main() both ask
def sanitizer_preload(build_dir):
    """A sanitizer build of libdpkit needs its runtime loaded first; the
    example does not link it, so it is preloaded (as pkgconfig_autotest)."""
    r = subprocess.run(["ldd", os.path.join(build_dir, "libdpkit.so")],
                       text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    m = re.search(r"\S*lib[at]san\.so\S*\s+=>\s+(\S+)", r.stdout)
    return m.group(1) if m else ""


def skip_handover_under_asan(example, preload):
    """AddressSanitizer's shadow is per process: an object another process
    took from the pool is still poisoned in this one (by populate or by its
    own last put), and reading it here is reported. DPDK's multi-process
    examples hand objects over that way; dpkit's own multi-process tests
    take them over first (test_mp.h)."""
    if "asan" in preload:
        skip(f"{example} passes pool objects between processes; "
             "AddressSanitizer's per-process shadow reports them")


def tsan_options_for_examples(env, preload):
    """DPDK's examples stop from their SIGINT handler: symmetric_mp calls
    exit(), mp_server closes its ports and calls rte_eal_cleanup(). Neither
    can be async-signal-safe in any EAL, and the examples run unchanged, so
    ThreadSanitizer is told not to report calls from signal handlers, and
    the examples' own races are suppressed by name (tsan-examples.supp).
    Every other race report stays on."""
    if "tsan" not in preload:
        return
    supp = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "tsan-examples.supp")
    opts = env.get("TSAN_OPTIONS", "")
    env["TSAN_OPTIONS"] = ((opts + ":" if opts else "") +
                           f"report_signal_unsafe=0:suppressions={supp}")
    log(f"ThreadSanitizer: report_signal_unsafe=0, suppressions {supp}")


def example_env(build_dir, preload):
    """The environment an example runs in: the uninstalled libdpkit and,
    in a sanitizer build, its runtime preloaded (and TSan's options)."""
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = build_dir
    if preload:
        log(f"sanitizer build: preloading {preload} for the example")
        env["LD_PRELOAD"] = preload
    tsan_options_for_examples(env, preload)
    return env


class Example:
    """The example as a child process whose output is collected in files.
    stdbuf makes its stdout line-buffered, as on a terminal: the forwarders
    print their banner and then loop, and the banner is what says they are
    ready."""

    def __init__(self, cmd, env, work, tag="", stdin=subprocess.DEVNULL):
        cmd = ["stdbuf", "-oL"] + cmd
        self.out_path = os.path.join(work, f"stdout{tag}.txt")
        self.err_path = os.path.join(work, f"stderr{tag}.txt")
        log("run: " + " ".join(cmd))
        with open(self.out_path, "w") as o, open(self.err_path, "w") as e:
            self.proc = subprocess.Popen(cmd, env=env, stdout=o, stderr=e,
                                         stdin=stdin)

    def stdout(self):
        with open(self.out_path, errors="replace") as f:
            return f.read()

    def stderr(self):
        with open(self.err_path, errors="replace") as f:
            return f.read()

    def wait_for(self, pattern, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.stdout()):
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.1)
        return False

    def stop(self, sig=signal.SIGINT, timeout=10):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.finish(timeout)

    def finish(self, timeout):
        """Its exit status, or None when it had to be killed after
        @timeout seconds."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def show(self):
        log("---- stdout (last 40 lines) ----")
        log("\n".join(self.stdout().splitlines()[-40:]))
        log("---- stderr ----")
        log(self.stderr())
        log("----")


def check_clean_end(example, ex, rc):
    spec = EXAMPLES[example]
    for marker in CRASH_MARKERS:
        if marker in ex.stderr() or marker in ex.stdout():
            fail(f"'{marker}' in the output of {example}")
    if rc is None:
        fail(f"{example} did not end within 10 s of SIGINT")
    if spec["ends"] == "SIGINT kills it":
        # no handler: the default action of SIGINT is the expected end
        if rc != -signal.SIGINT:
            fail(f"{example} ended with status {rc}, expected death by "
                 "SIGINT (it has no handler)")
        log(f"end: {example} has no signal handler; it died of SIGINT as "
            "designed (\"Ctrl+C to quit\")")
    elif rc != 0:
        fail(f"{example} exited with status {rc}, expected 0")
    else:
        log(f"end: {example} exited 0")


def run_helloworld(binary, env, work):
    ex = Example([binary] + eal_args("helloworld", "0-1", []), env, work)
    try:
        rc = ex.proc.wait(30)
    except subprocess.TimeoutExpired:
        rc = ex.stop(signal.SIGKILL)
    ex.show()
    check_clean_end("helloworld", ex, rc)
    cores = sorted(set(re.findall(r"hello from core (\d+)", ex.stdout())))
    if cores != ["0", "1"]:
        fail(f"greetings from cores {cores}, expected ['0', '1']")
    log("PASS: helloworld greeted from lcores 0 and 1 and exited 0")


def l2fwd_totals(text):
    """Sum of l2fwd's last aggregate statistics block."""
    sent = re.findall(r"Total packets sent:\s+(\d+)", text)
    recv = re.findall(r"Total packets received:\s+(\d+)", text)
    return (int(sent[-1]) if sent else 0, int(recv[-1]) if recv else 0)


def run_null(example, binary, env, work, seconds):
    spec = EXAMPLES[example]
    cmd = [binary] + eal_args(example, "0", ["net_null0", "net_null1"])
    if spec["args"]:
        cmd += ["--"] + spec["args"]
    ex = Example(cmd, env, work)
    if not ex.wait_for(spec["ready"], 20):
        rc = ex.stop(signal.SIGKILL)
        ex.show()
        fail(f"{example} never printed '{spec['ready']}' (status {rc})")
    t0 = time.monotonic()
    proof = spec.get("null_proof")
    if proof:
        # run until the example itself reports forwarding (bounded)
        ex.wait_for(proof[0], max(seconds, 60))
    else:
        time.sleep(seconds)
    ran = time.monotonic() - t0
    alive = ex.proc.poll() is None
    rc = ex.stop()
    ex.show()
    if not alive:
        fail(f"{example} ended by itself before the {seconds} s were up")
    check_clean_end(example, ex, rc)
    if example == "l2fwd":
        sent, recv = l2fwd_totals(ex.stdout())
        if recv == 0 or sent == 0:
            fail(f"l2fwd's own counters show no forwarding: sent {sent}, "
                 f"received {recv}")
        log(f"PASS: l2fwd forwarded between two net_null ports for "
            f"{seconds} s: {recv} received, {sent} sent (its own counters)")
    elif proof:
        n = len(re.findall(proof[0], ex.stdout()))
        if n == 0:
            fail(f"{example} did not print '{proof[0]}' within {ran:.0f} s")
        log(f"PASS: {example} forwarded at least {n * proof[1]} packets "
            f"between two net_null ports in {ran:.1f} s (it printed "
            f"'{proof[0]}' {n} time(s), once per {proof[1]} packets)")
    else:
        log(f"PASS: {example} ran {seconds} s on two net_null ports without "
            "crashing (net_null drops what it transmits, so forwarding is "
            "not observable here: see the af_packet test)")


# ---- multi-process examples on net_null ports ----

def mp_cpus():
    """Two CPUs this process may use (the same twice on a 1-CPU box)."""
    cpus = sorted(os.sched_getaffinity(0))
    return cpus[0], cpus[-1]


def mp_eal_args(prefix, lcores, primary):
    """No --in-memory here: secondaries join through the runtime
    directory. Memory is the primary's (secondaries ignore -m)."""
    args = ["--lcores", lcores, "--file-prefix", prefix]
    if primary:
        args += ["--proc-type", "primary"]
        if hugepages_free_mb() >= 4 * 256:
            args += ["-m", "256"]
        else:
            args += ["--no-huge", "-m", "256"]
    else:
        args += ["--proc-type", "secondary"]
    return args


def mp_runtime_dir_remove(prefix):
    """A process that exit()s from its signal handler or dies of SIGINT
    skips rte_eal_cleanup() and leaves its runtime directory."""
    base = "/var/run/dpdk" if os.geteuid() == 0 else os.path.join(
        os.environ.get("XDG_RUNTIME_DIR", "/tmp"), "dpdk")
    shutil.rmtree(os.path.join(base, prefix), ignore_errors=True)


def last_int(pattern, text):
    found = re.findall(pattern, text)
    return int(found[-1]) if found else -1


def run_client_server(tree, env, work, seconds):
    c0, c1 = mp_cpus()
    prefix = f"ex_csmp_{os.getpid()}"
    server_cmd = [os.path.join(tree, EXAMPLES["client_server_mp"]["app"])]
    server_cmd += mp_eal_args(prefix, f"0@{c0},1@{c1}", True)
    server_cmd += ["--vdev", "net_null0", "--vdev", "net_null1",
                   "--", "-p", "0x3", "-n", "2"]
    client_bin = os.path.join(tree, EXAMPLES["client_server_mp"]["client"])
    server = Example(server_cmd, env, work, "_server")
    clients = []
    try:
        if not server.wait_for(r"displaying statistics", 30):
            rc = server.stop(signal.SIGKILL)
            server.show()
            fail(f"mp_server never started its statistics lcore (status {rc})")
        for i in (0, 1):
            cmd = [client_bin] + mp_eal_args(prefix, f"{2 + i}@{c1}", False)
            cmd += ["--", "-n", str(i)]
            clients.append(Example(cmd, env, work, f"_client{i}"))
        for i, c in enumerate(clients):
            if not c.wait_for(r"Client process \d+ handling packets", 30):
                rc = c.stop(signal.SIGKILL)
                c.show()
                fail(f"mp_client {i} never started (status {rc})")
        time.sleep(seconds)
        alive = [c.proc.poll() is None for c in clients]
        # clients have no handler: SIGINT kills them; then the server
        # stops and closes its ports in its handler and exits 0
        crc = [c.stop() for c in clients]
        time.sleep(1.5)   # one more statistics screen without clients
        server_alive = server.proc.poll() is None
        src = server.stop()
    finally:
        for c in clients:
            c.stop(signal.SIGKILL)
        server.stop(signal.SIGKILL)
        mp_runtime_dir_remove(prefix)
    for i, c in enumerate(clients):
        c.show()
    server.show()
    for ex in clients + [server]:
        for marker in CRASH_MARKERS:
            if marker in ex.stderr() or marker in ex.stdout():
                fail(f"'{marker}' in the output of client_server_mp")
    if not all(alive) or not server_alive:
        fail(f"a process ended early: clients alive {alive}, server "
             f"alive {server_alive}")
    if crc != [-signal.SIGINT] * 2:
        fail(f"mp_client ended with {crc}, expected death by SIGINT (it has "
             "no handler)")
    if src != 0:
        fail(f"mp_server exited with status {src}, expected 0 (its SIGINT "
             "handler closes the ports and exits 0)")
    out = server.stdout()
    port_rx = [last_int(rf"Port {p} - rx:\s+(\d+)", out) for p in (0, 1)]
    port_tx = [last_int(rf"Port {p} - rx:\s+\d+\s+tx:\s+(\d+)", out)
               for p in (0, 1)]
    cl_rx = [last_int(rf"Client\s+{i} - rx:\s+(\d+)", out) for i in (0, 1)]
    cl_tx = [last_int(rf"Client\s+{i} - rx:[^\n]*\n\s+tx:\s+(\d+)", out)
             for i in (0, 1)]
    log(f"server counts: port rx {port_rx}, port tx {port_tx}; client rx "
        f"(counted by the server) {cl_rx}, client tx (counted by the "
        f"clients in shared memory) {cl_tx}")
    if min(port_rx + cl_rx + cl_tx + port_tx) <= 0:
        fail("a counter shows no packets: every port must receive, every "
             "client receive from the server and transmit on the ports")
    if sum(cl_tx) != sum(port_tx):
        fail(f"the clients' tx {cl_tx} do not add up to the ports' tx "
             f"{port_tx}")
    log(f"PASS: client_server_mp: mp_server received {sum(port_rx)} packets "
        f"on two net_null ports and passed them to two mp_client "
        f"secondaries (rx {cl_rx}), which sent {cl_tx} on the ports; "
        "clients killed by SIGINT, server exited 0")


def run_symmetric(binary, env, work, seconds):
    c0, c1 = mp_cpus()
    prefix = f"ex_smp_{os.getpid()}"
    procs = []
    try:
        for i, lc in enumerate((f"0@{c0}", f"1@{c1}")):
            cmd = [binary] + mp_eal_args(prefix, lc, i == 0)
            # the secondary gets the same --vdev list, as in DPDK's guide:
            # it attaches to the primary's ports of those names
            cmd += ["--vdev", "net_null0", "--vdev", "net_null1", "--",
                    "-p", "3", "--num-procs=2", f"--proc-id={i}"]
            ex = Example(cmd, env, work, f"_{i}")
            procs.append(ex)
            if not ex.wait_for(r"using queue", 30):
                rc = ex.stop(signal.SIGKILL)
                ex.show()
                fail(f"symmetric_mp process {i} never started forwarding "
                     f"(status {rc})")
        time.sleep(seconds)
        alive = [p.proc.poll() is None for p in procs]
        rcs = [procs[1].stop(), procs[0].stop()][::-1]
    finally:
        for p in procs:
            p.stop(signal.SIGKILL)
        mp_runtime_dir_remove(prefix)
    for p in procs:
        p.show()
        for marker in CRASH_MARKERS:
            if marker in p.stderr() or marker in p.stdout():
                fail(f"'{marker}' in the output of symmetric_mp")
    if not all(alive):
        fail(f"a process ended early: alive {alive}")
    if rcs != [0, 0]:
        fail(f"exit statuses {rcs}, expected 0 (SIGINT prints the counts "
             "and exits 0)")
    counts = []
    for i, p in enumerate(procs):
        out = p.stdout()
        if f"using queue {i} of each port" not in out:
            fail(f"process {i} does not poll queue {i}")
        rx = [last_int(rf"Port {q}: RX - (\d+)", out) for q in (0, 1)]
        tx = [last_int(rf"Port {q}: RX - \d+, TX - (\d+)", out)
              for q in (0, 1)]
        if min(rx + tx) <= 0:
            fail(f"process {i} counted rx {rx} tx {tx}: no forwarding")
        counts.append((rx, tx))
    log(f"PASS: symmetric_mp: primary (queue 0) rx {counts[0][0]} tx "
        f"{counts[0][1]}, secondary (queue 1) rx {counts[1][0]} tx "
        f"{counts[1][1]} on two net_null ports; both exited 0 on SIGINT")


# ---- af_packet on veth pairs in a network namespace ----

class Netns:
    """Namespace with two veth pairs: port0 <-> wire0, port1 <-> wire1."""

    def __init__(self):
        self.name = f"dpkit_ex_{os.getpid()}"
        self.created = False

    def sh(self, *cmd):
        return subprocess.run(list(cmd), text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)

    def inside(self, *cmd):
        return self.sh("ip", "netns", "exec", self.name, *cmd)

    def create(self):
        if os.geteuid() != 0:
            skip("not root: creating a network namespace needs CAP_SYS_ADMIN")
        if shutil.which("ip") is None:
            skip("'ip' (iproute2) not installed")
        r = self.sh("ip", "netns", "add", self.name)
        if r.returncode != 0:
            skip("'ip netns add' failed: " + r.stdout.strip())
        self.created = True
        # IPv6 autoconfiguration would put its own frames on the wire
        self.inside("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1")
        self.inside("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1")
        for i in (0, 1):
            for cmd in (["ip", "link", "add", f"port{i}", "type", "veth",
                         "peer", "name", f"wire{i}"],
                        ["ip", "link", "set", f"port{i}", "up"],
                        ["ip", "link", "set", f"wire{i}", "up"]):
                r = self.inside(*cmd)
                if r.returncode != 0:
                    skip(f"'{' '.join(cmd)}' failed: {r.stdout.strip()}")

    def destroy(self):
        if self.created:
            self.sh("ip", "netns", "del", self.name)


def frame(direction, seq):
    payload = TAG + struct.pack("!BI", direction, seq)
    payload += bytes((seq + i) & 0xFF for i in range(64))
    # broadcast destination, locally administered source
    return (b"\xff" * 6 + bytes([0x02, 0, 0, 0, 0xee, direction]) +
            struct.pack("!H", ETHERTYPE) + payload)


def inject(count):
    """Runs inside the namespace: send @count frames each way and report
    which came out where. Prints one line 'RESULT <json-ish>'."""
    socks = {}
    for i in (0, 1):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                          socket.htons(ETHERTYPE))
        s.bind((f"wire{i}", 0))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        s.setblocking(False)
        socks[i] = s
    expected = {d: {seq: frame(d, seq) for seq in range(count)}
                for d in (0, 1)}
    got = {0: {}, 1: {}}
    corrupt = 0

    def drain():
        nonlocal corrupt
        for i in (0, 1):
            while True:
                try:
                    data, addr = socks[i].recvfrom(2048)
                except BlockingIOError:
                    break
                if addr[2] == socket.PACKET_OUTGOING:
                    continue
                body = data[14:]
                if not body.startswith(TAG):
                    continue
                d, seq = struct.unpack("!BI", body[len(TAG):len(TAG) + 5])
                # direction d goes in on wire d and out on wire 1-d
                if i != 1 - d or seq not in expected[d] or \
                        data[14:] != expected[d][seq][14:len(data)] or \
                        len(data) < len(expected[d][seq]):
                    corrupt += 1
                    continue
                got[d][seq] = got[d].get(seq, 0) + 1

    t0 = time.monotonic()
    # at most `window` frames in flight: on a busy machine the forwarder
    # may not run for a while, and a paced sender would overrun the PMD's
    # receive ring. Frames that never come (a real loss) widen the window
    # after 0.5 s, so they cost one wait and show in the result.
    window = 128
    for seq in range(count):
        for d in (0, 1):
            socks[d].send(expected[d][seq])
        if seq % 32 == 31:
            waited = time.monotonic()
            while True:
                drain()
                in_flight = 2 * (seq + 1) - len(got[0]) - len(got[1]) - corrupt
                if in_flight <= window:
                    break
                if time.monotonic() - waited > 0.5:
                    window = in_flight + 64
                    break
                time.sleep(0.001)
    quiet_since = time.monotonic()
    last = -1
    while time.monotonic() - quiet_since < 0.5:
        drain()
        n = len(got[0]) + len(got[1])
        if n != last:
            last = n
            quiet_since = time.monotonic()
        time.sleep(0.01)
    elapsed = time.monotonic() - t0
    dup = sum(c - 1 for d in (0, 1) for c in got[d].values())
    print(f"RESULT sent={count} got0={len(got[0])} got1={len(got[1])} "
          f"dup={dup} corrupt={corrupt} elapsed={elapsed:.3f}", flush=True)


def run_af_packet(example, binary, env, work, count):
    spec = EXAMPLES[example]
    ns = Netns()
    try:
        ns.create()
        vdevs = [f"net_af_packet{i},iface=port{i}" for i in (0, 1)]
        cmd = [binary] + eal_args(example, "0", vdevs)
        if spec["args"]:
            cmd += ["--"] + spec["args"]
        ex = Example(["ip", "netns", "exec", ns.name] + cmd, env, work)
        if not ex.wait_for(spec["ready"], 20):
            rc = ex.stop(signal.SIGKILL)
            ex.show()
            fail(f"{example} never printed '{spec['ready']}' (status {rc})")
        r = ns.inside(sys.executable, os.path.abspath(__file__),
                      "--inject", str(count))
        alive = ex.proc.poll() is None
        rc = ex.stop()
        ex.show()
        log(r.stdout.strip())
        if not alive:
            fail(f"{example} ended by itself while frames were injected")
        check_clean_end(example, ex, rc)
        m = re.search(r"RESULT sent=(\d+) got0=(\d+) got1=(\d+) dup=(\d+) "
                      r"corrupt=(\d+) elapsed=([\d.]+)", r.stdout)
        if r.returncode != 0 or m is None:
            fail("the frame injector failed")
        sent, got0, got1, dup, corrupt = map(int, m.groups()[:5])
        elapsed = float(m.group(6))
        if got0 != sent or got1 != sent or dup or corrupt:
            fail(f"forwarding lost or damaged frames: sent {sent} each way, "
                 f"wire0->wire1 {got0}, wire1->wire0 {got1}, duplicates "
                 f"{dup}, damaged or misrouted {corrupt}")
        extra = ""
        if example == "l2fwd":
            s, rcv = l2fwd_totals(ex.stdout())
            extra = f"; l2fwd's own counters: {rcv} received, {s} sent"
        log(f"PASS: {example} forwarded {2 * sent} tagged frames between "
            f"two net_af_packet ports (veth, netns): {got0}/{sent} "
            f"wire0->wire1 and {got1}/{sent} wire1->wire0, intact, none "
            f"duplicated, in {elapsed:.2f} s{extra}")
    finally:
        ns.destroy()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build-dir")
    p.add_argument("--example", choices=sorted(EXAMPLES))
    p.add_argument("--ports", choices=["none", "null", "af_packet",
                                       "mp_null"])
    p.add_argument("--seconds", type=int, default=3)
    p.add_argument("--frames", type=int, default=2000)
    p.add_argument("--inject", type=int, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.inject is not None:
        inject(a.inject)
        return
    if not (a.build_dir and a.example and a.ports):
        p.error("--build-dir, --example and --ports are required")
    build_dir = os.path.realpath(a.build_dir)
    preload = sanitizer_preload(build_dir)
    if a.example == "client_server_mp":
        skip_handover_under_asan(a.example, preload)
    with tempfile.TemporaryDirectory(prefix="dpkit-example-") as work:
        binary = build(a.example, build_dir, work)
        env = example_env(build_dir, preload)
        if a.ports == "none":
            run_helloworld(binary, env, work)
        elif a.ports == "null":
            run_null(a.example, binary, env, work, a.seconds)
        elif a.example == "client_server_mp":
            run_client_server(binary, env, work, a.seconds)
        elif a.example == "symmetric_mp":
            run_symmetric(binary, env, work, a.seconds)
        else:
            run_af_packet(a.example, binary, env, work, a.frames)


if __name__ == "__main__":
    main()
