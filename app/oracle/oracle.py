#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Differential testing of dpkit against DPDK 22.11.

Builds app/oracle/*.c against DPDK (pkg-config libdpdk) and, unless a
binary is given, against dpkit (pkg-config libdpkit from the build tree),
runs both on the same seeded sequence and compares them step by step.

  oracle.py run --lib ring --seed 1 --seeds 20 --steps 5000
      hash checkpoints every --check steps; at the first differing
      checkpoint the window is replayed with every line printed, and the
      first differing step is shown with its seed and index.
  oracle.py replay --lib ring --seed 7 --steps 5000 --step 4100
      both libraries' lines around one step.
  oracle.py shrink --lib ring --seed 7 --steps 5000 [-o min.oracle]
      the shortest script found (delta debugging over the steps up to the
      first divergence) that still diverges.
  oracle.py script --lib mbuf app/oracle/scripts/mbuf_edges.oracle
      a hand-written script: every line compared; a step annotated
      "# known: <id>" must differ (a known difference, listed in
      doc/guides/prog_guide/differential_testing.rst), any other must not.

Exit status: 0 same, 1 divergence (or a BAD line: one library broke an
invariant on its own), 2 usage or build error, 77 DPDK not installed.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["oracle_main.c", "oracle_ring.c", "oracle_ring_edge.c",
           "oracle_mempool.c", "oracle_mempool_pools.c", "oracle_mbuf.c", "oracle_mbuf_ext.c",
           "oracle_mbuf_edge.c"]
HEADERS = ["oracle.h", "oracle_ring.h", "oracle_mbuf.h", "oracle_mempool.h"]
SKIP = 77


def log(msg):
    print(msg, flush=True)


# ---- building ----

def pkg(args, env=None):
    r = subprocess.run(["pkg-config"] + args, env=env, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        return None
    return r.stdout.split()


def compile_twin(name, out_dir, pc_env, pc_name, extra_ldflags=()):
    cflags = pkg(["--cflags", pc_name], pc_env)
    libs = pkg(["--libs", pc_name], pc_env)
    if cflags is None or libs is None:
        return None
    out = os.path.join(out_dir, "oracle-" + name)
    srcs = [os.path.join(HERE, s) for s in SOURCES] + \
        [os.path.join(HERE, h) for h in HEADERS]
    # built once per work directory: DPDK's headers take seconds to compile
    if os.path.exists(out) and all(os.path.getmtime(out) > os.path.getmtime(s)
                                   for s in srcs):
        return out
    cc = ["ccache", "cc"] if shutil.which("ccache") else ["cc"]
    cmd = (cc + cflags + ["-O1", "-g", "-Wall", "-Wextra", "-I", HERE] +
           [os.path.join(HERE, s) for s in SOURCES] + ["-o", out] + libs +
           list(extra_ldflags))
    r = subprocess.run(cmd, text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if r.returncode != 0:
        log(r.stdout)
        log(f"oracle: the {name} build failed: {' '.join(cmd)}")
        sys.exit(2)
    return out


def build(args):
    """Paths of the dpkit and DPDK binaries (DPDK's built here)."""
    if pkg(["--exists", "libdpdk"]) is None:
        log("SKIP: DPDK 22.11 not found (pkg-config libdpdk fails): "
            "devtools/setup.sh installs Debian's libdpdk-dev")
        sys.exit(SKIP)
    work = args.work or tempfile.mkdtemp(prefix="dpkit-oracle.")
    os.makedirs(work, exist_ok=True)
    dpdk = compile_twin("dpdk", work, None, "libdpdk")
    if args.dpkit_bin:
        dpkit = args.dpkit_bin
    else:
        env = dict(os.environ)
        bd = os.path.abspath(args.build_dir)
        env["PKG_CONFIG_PATH"] = os.path.join(bd, "meson-uninstalled")
        dpkit = compile_twin("dpkit", work, env, "libdpkit",
                             ["-Wl,-rpath," + bd])
        if dpkit is None:
            log(f"oracle: no libdpkit-uninstalled.pc under {bd}")
            sys.exit(2)
    bins = {"dpkit": dpkit, "dpdk": dpdk}
    layouts = {i: layout(b) for i, b in bins.items()}
    if layouts["dpkit"] != layouts["dpdk"]:
        log(f"oracle: object layouts differ ({layouts['dpkit']} / "
            f"{layouts['dpdk']}): only layout-neutral populate lengths")
        BOTH_SIDES.append("--layouts-differ")
    return bins


# options given to both executors (after the library name)
BOTH_SIDES = []


def layout(binary):
    """'cookies' for a build with mempool debug cookies, else 'plain'."""
    r = subprocess.run([binary, "--layout"], capture_output=True, text=True)
    return r.stdout.strip() or "plain"


# ---- running ----

def eal(impl, lib):
    return ["--no-huge", "-m", "512", "--no-pci", "--no-telemetry", "-l", "0",
            "--iova-mode=va", "--log-level=*:critical",
            f"--file-prefix=oracle-{lib}-{impl}-{os.getpid()}"]


def start(bins, impl, lib, opts):
    cmd = [bins[impl]] + eal(impl, lib) + ["--", lib] + opts + BOTH_SIDES
    return subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def ours(text):
    """The harness's lines (DPDK also logs to stdout)."""
    return [l for l in text.splitlines() if l[:2] in ("S ", "C ", "E ")]


def run_both(bins, lib, opts):
    procs = {i: start(bins, i, lib, opts) for i in ("dpkit", "dpdk")}
    out = {}
    for impl, p in procs.items():
        so, se = p.communicate()
        out[impl] = (p.returncode, ours(so), se)
    return out


def crashed(out):
    for impl, (rc, _, err) in out.items():
        if rc not in (0, 3):
            tail = "\n".join(err.strip().splitlines()[-5:])
            return f"{impl} exited with {rc}\n{tail}"
    return None


def step_body(line):
    """'S seed step op args : result' -> 'op args : result'"""
    return line.split(" ", 3)[3] if line.startswith("S ") else line


def first_diff(a, b):
    for i in range(max(len(a), len(b))):
        la = a[i] if i < len(a) else "<missing>"
        lb = b[i] if i < len(b) else "<missing>"
        if la != lb:
            return i, la, lb
    return None


def window(bins, lib, seed, steps, lo, hi, extra):
    opts = ["--seed", str(seed), "--steps", str(steps), "--from", str(lo),
            "--to", str(hi)] + extra
    return run_both(bins, lib, opts)


def cmd_run(args, bins):
    extra = ["--allow-known"] if args.allow_known else []
    t0 = time.monotonic()
    compared = 0
    bad = 0
    seed = args.seed
    end = args.seed + args.seeds
    while seed < end:
        batch = min(args.batch, end - seed)
        opts = ["--seed", str(seed), "--seeds", str(batch), "--steps",
                str(args.steps), "--check", str(args.check)] + extra
        out = run_both(bins, args.lib, opts)
        c = crashed(out)
        d = first_diff(out["dpkit"][1], out["dpdk"][1])
        if d is None and c is None:
            compared += batch * args.steps
            for impl in ("dpkit", "dpdk"):
                for l in out[impl][1]:
                    if l.startswith("S ") and "BAD:" in l:
                        log(f"BAD ({impl}): {l}")
                        bad += 1
            seed += batch
            continue
        # locate the seed and the checkpoint window, then the step
        if d is None:
            log(f"oracle: {c}")
            return 1
        _, la, lb = d
        ref = la if la != "<missing>" else lb
        fields = ref.split()
        s = int(fields[1])
        hi = int(fields[2]) if fields[0] == "C" else args.steps
        lo = max(0, hi - args.check) if fields[0] == "C" else 0
        if fields[0] == "S":   # a BAD line or an abort: that step itself
            lo, hi = int(fields[2]), int(fields[2]) + 1
        compared += (s - seed) * args.steps + lo
        w = window(bins, args.lib, s, args.steps, lo, hi + 1, extra)
        a = [l for l in w["dpkit"][1] if l.startswith("S ")]
        b = [l for l in w["dpdk"][1] if l.startswith("S ")]
        d2 = first_diff(a, b)
        log(f"DIVERGENCE in {args.lib}: seed {s}, in steps [{lo}, {hi})")
        if d2 is not None:
            _, la, lb = d2
            step = (la if la != "<missing>" else lb).split()[2]
            log(f"  first differing step: seed {s} step {step}")
            log(f"  dpkit: {step_body(la)}")
            log(f"  dpdk:  {step_body(lb)}")
            log(f"  replay: {sys.argv[0]} replay --lib {args.lib} --seed {s} "
                f"--steps {args.steps} --step {step}"
                + (" --allow-known" if extra else ""))
        c2 = crashed(w)
        if c2:
            log(f"  {c2}")
        log(f"{compared} steps compared before it; {time.monotonic() - t0:.1f} s")
        return 1
    dt = time.monotonic() - t0
    log(f"oracle {args.lib}: {compared} steps compared, seeds "
        f"{args.seed}..{end - 1} x {args.steps} steps, {dt:.1f} s, "
        f"{bad} BAD lines, 0 divergences")
    return 1 if bad else 0


def cmd_replay(args, bins):
    extra = ["--allow-known"] if args.allow_known else []
    lo = max(0, args.step - args.context)
    w = window(bins, args.lib, args.seed, args.steps, lo,
               args.step + args.context + 1, extra)
    a = [l for l in w["dpkit"][1] if l.startswith("S ")]
    b = [l for l in w["dpdk"][1] if l.startswith("S ")]
    for i in range(max(len(a), len(b))):
        la = a[i] if i < len(a) else ""
        lb = b[i] if i < len(b) else ""
        mark = "  " if la == lb else "!="
        log(f"{mark} dpkit: {la}")
        if la != lb:
            log(f"{mark} dpdk:  {lb}")
    return 0


# ---- scripts and shrinking ----

def run_script_text(bins, lib, text, work):
    path = os.path.join(work, "script.oracle")
    with open(path, "w") as f:
        f.write(text)
    out = run_both(bins, lib, ["--script", path, "--trace"])
    return out


def diverges(bins, lib, lines, work):
    out = run_script_text(bins, lib, "\n".join(lines) + "\n", work)
    if crashed(out):
        return True
    a = [step_body(l) for l in out["dpkit"][1] if l.startswith("S ")]
    b = [step_body(l) for l in out["dpdk"][1] if l.startswith("S ")]
    return a != b


def cmd_shrink(args, bins):
    work = tempfile.mkdtemp(prefix="dpkit-oracle-shrink.")
    dump = subprocess.run([bins["dpkit"], "--", args.lib, "--dump", "--seed",
                           str(args.seed), "--steps", str(args.steps)]
                          + (["--allow-known"] if args.allow_known else []),
                          text=True, stdout=subprocess.PIPE)
    lines = dump.stdout.splitlines()
    head, steps = lines[:1], lines[1:]
    if not diverges(bins, args.lib, head + steps, work):
        log("oracle: this sequence does not diverge")
        return 1
    # ddmin over the steps: drop chunks while the divergence persists
    n = 2
    while len(steps) >= 2:
        chunk = max(1, len(steps) // n)
        reduced = False
        for i in range(0, len(steps), chunk):
            trial = steps[:i] + steps[i + chunk:]
            if diverges(bins, args.lib, head + trial, work):
                steps = trial
                n = max(n - 1, 2)
                reduced = True
                break
        if not reduced:
            if chunk == 1:
                break
            n = min(len(steps), n * 2)
    text = "\n".join(head + steps) + "\n"
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    log(f"# {len(steps)} steps still diverge (seed {args.seed}):")
    log(text)
    out = run_script_text(bins, args.lib, text, work)
    for impl in ("dpkit", "dpdk"):
        for l in out[impl][1]:
            if l.startswith("S "):
                log(f"{impl}: {step_body(l)}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def cmd_script(args, bins):
    with open(args.file) as f:
        text = f.read()
    known = {}   # step index -> known-difference id
    idx = 0
    for raw in text.splitlines():
        body = raw.split("#", 1)[0].strip()
        if not body or body.startswith("!"):
            continue
        if "# known:" in raw:
            known[idx] = raw.split("# known:", 1)[1].strip()
        idx += 1
    work = tempfile.mkdtemp(prefix="dpkit-oracle-script.")
    out = run_script_text(bins, args.lib, text, work)
    shutil.rmtree(work, ignore_errors=True)
    c = crashed(out)
    if c:
        log(f"oracle: {c}")
        return 1
    a = {int(l.split()[2]): l for l in out["dpkit"][1] if l.startswith("S ")}
    b = {int(l.split()[2]): l for l in out["dpdk"][1] if l.startswith("S ")}
    fail = 0
    seen = 0
    for i in sorted(set(a) | set(b)):
        la, lb = a.get(i, "<missing>"), b.get(i, "<missing>")
        same = step_body(la) == step_body(lb)
        if i in known:
            if same:
                log(f"step {i}: known difference '{known[i]}' no longer "
                    f"differs: {step_body(la)} (update the script and the "
                    "differences list)")
                fail += 1
            else:
                seen += 1
                log(f"step {i}: known difference '{known[i]}':\n"
                    f"  dpkit: {step_body(la)}\n  dpdk:  {step_body(lb)}")
        elif not same:
            log(f"step {i}: DIVERGENCE\n  dpkit: {step_body(la)}\n"
                f"  dpdk:  {step_body(lb)}")
            fail += 1
        if ("BAD:" in la or "BAD:" in lb) and i not in known:
            log(f"step {i}: BAD line")
            fail += 1
    log(f"oracle script {os.path.basename(args.file)}: {len(a)} steps "
        f"compared, {seen} known differences seen, {fail} failures")
    return 1 if fail else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", default="build",
                    help="dpkit build directory (for pkg-config libdpkit)")
    ap.add_argument("--dpkit-bin", help="use this dpkit-side binary")
    ap.add_argument("--work", help="directory for the binaries (kept)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("run", "replay", "shrink"):
        p = sub.add_parser(name)
        p.add_argument("--lib", required=True,
                       choices=["ring", "mempool", "mbuf"])
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--steps", type=int, default=2000)
        p.add_argument("--allow-known", action="store_true",
                       help="do not steer away from known differences")
        if name == "run":
            p.add_argument("--seeds", type=int, default=1)
            p.add_argument("--check", type=int, default=256)
            p.add_argument("--batch", type=int, default=50,
                           help="seeds per process")
        if name == "replay":
            p.add_argument("--step", type=int, required=True)
            p.add_argument("--context", type=int, default=3)
        if name == "shrink":
            p.add_argument("-o", "--output")
    p = sub.add_parser("script")
    p.add_argument("--lib", required=True, choices=["ring", "mempool", "mbuf"])
    p.add_argument("file")
    args = ap.parse_args()
    bins = build(args)
    fn = {"run": cmd_run, "replay": cmd_replay, "shrink": cmd_shrink,
          "script": cmd_script}[args.cmd]
    sys.exit(fn(args, bins))


if __name__ == "__main__":
    main()
