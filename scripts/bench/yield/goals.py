#!/usr/bin/env python3
"""Evaluates the `yield` windows (raw JSON lines from driver.py) against the goals of docs/benchmarks.md "Yielding":

  G1  foreground with the background / foreground solo (whole window; median over reps of each rep's ratio) >= 90 %
  G2  background alone / link >= 80 %
  G3  next to the 20 % stream: the stream keeps >= 90 % of its solo rate and the link is >= 90 % busy
  G4  median RTT with the background alone - idle median RTT <= 10 ms
  G5  seconds after the foreground stops until the background is at >= 80 % of the link (1-s span) <= 5 s

Usage: goals.py RAW RESULT_JSON META_JSON [--quick-check]
Prints a table; writes RESULT_JSON. --quick-check: exits 1 when xfer's G1 is below the plain-curl anchor's G1 of the
same run, or xfer's G2 is below 80 %.
"""
import json
import statistics
import sys

raw_path, result_path, meta_path = sys.argv[1:4]
quick_check = "--quick-check" in sys.argv[4:]
rows = [json.loads(line) for line in open(raw_path) if line.strip()]
meta = json.load(open(meta_path))
link = meta["rate_mbit"]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def pick(cc, kind, bg=None):
    return {r["rep"]: r for r in rows if r["cc"] == cc and r["kind"] == kind and r["bg"] == bg}


def ratio(num, den):
    return num / den if num is not None and den else None


def goals(cc, bg):
    idle, fg, fgcap = pick(cc, "idle"), pick(cc, "fg"), pick(cc, "fgcap")
    alone, both = pick(cc, "alone", bg), pick(cc, "both", bg)
    capbg, reclaim = pick(cc, "fgcap+bg", bg), pick(cc, "reclaim", bg)
    out = {"cc": cc, "bg": bg, "reps": len(both) or len(alone)}
    if both:
        out["g1_fg_kept"] = median(ratio(r["fg_mbit"], fg[k]["fg_mbit"]) for k, r in both.items() if k in fg)
        out["g1_fg_kept_settled"] = median(ratio(r.get("fg_settled_mbit"), fg[k].get("fg_settled_mbit"))
                                           for k, r in both.items() if k in fg)
        out["both_bg_share"] = median(r["bg_mbit"] / link for r in both.values())
    if alone:
        out["g2_bg_alone_share"] = median(r["bg_mbit"] / link for r in alone.values())
        out["bg_alone_rtt_ms"] = median(r["rtt_ms"] for r in alone.values())
        out["idle_rtt_ms"] = median(r["rtt_ms"] for r in idle.values())
        if out["bg_alone_rtt_ms"] is not None and out["idle_rtt_ms"] is not None:
            out["g4_added_rtt_ms"] = out["bg_alone_rtt_ms"] - out["idle_rtt_ms"]
    if capbg:
        out["g3_fg_kept"] = median(ratio(r["fg_mbit"], fgcap[k]["fg_mbit"]) for k, r in capbg.items() if k in fgcap)
        out["g3_link_busy"] = median((r["fg_mbit"] + r["bg_mbit"]) / link for r in capbg.values())
    if reclaim:
        times = [r.get("reclaim_s") for r in reclaim.values()]
        # A rep that never got back to 80 % counts as the whole window.
        out["g5_reclaim_s"] = median(t if t is not None else meta["window"] for t in times)
        out["g5_never"] = sum(t is None for t in times)
        out["reclaim_bg_share"] = median(r["bg_mbit"] / link for r in reclaim.values())
    out["pass"] = {
        "G1": out["g1_fg_kept"] >= 0.9 if out.get("g1_fg_kept") is not None else None,
        "G2": out["g2_bg_alone_share"] >= 0.8 if out.get("g2_bg_alone_share") is not None else None,
        "G3": (out["g3_fg_kept"] >= 0.9 and out["g3_link_busy"] >= 0.9) if out.get("g3_fg_kept") is not None else None,
        "G4": out["g4_added_rtt_ms"] <= 10 if out.get("g4_added_rtt_ms") is not None else None,
        "G5": (out["g5_never"] == 0 and out["g5_reclaim_s"] <= 5) if out.get("g5_reclaim_s") is not None else None,
    }
    return out


def pct(v):
    return f"{v * 100:5.1f} %" if v is not None else "  –"


def mark(ok):
    return {True: " ✓", False: " ✗", None: ""}[ok]


ccs = list(dict.fromkeys(r["cc"] for r in rows))
bgs = [b for b in meta["bgs"] if any(r["bg"] == b for r in rows)]
summary = [goals(cc, bg) for cc in ccs for bg in bgs]
solo = {cc: {"fg_solo_mbit": median(r["fg_mbit"] for r in pick(cc, "fg").values()),
             "fgcap_solo_mbit": median(r["fg_mbit"] for r in pick(cc, "fgcap").values()),
             "idle_rtt_ms": median(r["rtt_ms"] for r in pick(cc, "idle").values()),
             "cc_seen": sorted({r["cc_seen"] for r in rows if r["cc"] == cc and r.get("cc_seen")})} for cc in ccs}

print(f"Yielding on the shaped bed: {link} Mbit/s tbf, {meta['queue_ms']} ms FIFO, window {meta['window']} s, "
      f"{meta['reps']} rep(s), medians; rates are layer 2 (IP + 14 B/packet)"
      + (", server timestamps off" if meta.get("no_timestamps") else ""))
for cc in ccs:
    s = solo[cc]
    print(f"  {cc}: fg solo {s['fg_solo_mbit']:.1f} Mbit/s"
          + (f", 20 % stream solo {s['fgcap_solo_mbit']:.1f} Mbit/s" if s["fgcap_solo_mbit"] else "")
          + (f", idle RTT {s['idle_rtt_ms']:.2f} ms" if s["idle_rtt_ms"] is not None else "")
          + f", cc seen {'/'.join(s['cc_seen']) or '?'}")
print()
print("| cc | background | G1 fg keeps (settled) | G2 bg alone | G3 20 % stream kept / link busy | G4 added RTT | G5 reclaim |")
print("|---|---|---|---|---|---|---|")
for g in summary:
    p = g["pass"]
    g1 = f"{pct(g.get('g1_fg_kept'))} ({pct(g.get('g1_fg_kept_settled')).strip()}){mark(p['G1'])}" if "g1_fg_kept" in g else "not run"
    g3 = f"{pct(g['g3_fg_kept'])} / {pct(g['g3_link_busy'])}{mark(p['G3'])}" if "g3_fg_kept" in g else "not run"
    g4 = f"{g['g4_added_rtt_ms']:+.1f} ms{mark(p['G4'])}" if g.get("g4_added_rtt_ms") is not None else "not run"
    if "g5_reclaim_s" not in g:
        g5 = "not run"
    elif g["g5_never"] == g["reps"]:
        g5 = f"never in {meta['window']} s{mark(p['G5'])}"
    else:
        g5 = f"{g['g5_reclaim_s']:.1f} s" + (f" ({g['g5_never']} never)" if g["g5_never"] else "") + mark(p["G5"])
    g2 = f"{pct(g['g2_bg_alone_share'])}{mark(p['G2'])}" if "g2_bg_alone_share" in g else "not run"
    print(f"| {g['cc']} | {g['bg']} | {g1} | {g2} | {g3} | {g4} | {g5} |")
print("\nGoals: G1 ≥ 90 %, G2 ≥ 80 %, G3 ≥ 90 % and ≥ 90 %, G4 ≤ 10 ms, G5 ≤ 5 s, under every congestion control.")

json.dump({"suite": "yield", **meta, "solo": solo, "goals": summary, "raw": rows}, open(result_path, "w"), indent=2)

if quick_check:
    failures = []
    for cc in ccs:
        by_bg = {g["bg"]: g for g in summary if g["cc"] == cc}
        xfer, anchor = by_bg.get("xfer", {}), by_bg.get("curl", {})
        g1, g1_anchor, g2 = xfer.get("g1_fg_kept"), anchor.get("g1_fg_kept"), xfer.get("g2_bg_alone_share")
        if g1 is None or g1_anchor is None or g2 is None:
            failures.append(f"{cc}: a window did not run (xfer G1 {g1}, curl G1 {g1_anchor}, xfer G2 {g2})")
            continue
        if g1 < g1_anchor:
            failures.append(f"{cc}: xfer's G1 {g1 * 100:.1f} % is below plain curl's {g1_anchor * 100:.1f} % "
                            "(the foreground keeps less next to our service than next to curl)")
        if g2 < 0.8:
            failures.append(f"{cc}: xfer's G2 {g2 * 100:.1f} % is below 80 % (the service leaves an idle link unused)")
    if failures:
        print("\nyield --quick: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)
    print("\nyield --quick: passed (xfer's G1 ≥ plain curl's, xfer's G2 ≥ 80 %)")
