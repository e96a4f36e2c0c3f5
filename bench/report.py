#!/usr/bin/env python3
"""bench/report.py RAW.jsonl OUT.json [--meta key=value ...]

Reads the JSON Lines the benchmark programs printed (bench/run.sh collects
them), takes the median of every figure over the rounds, prints the tables
and the ratios, and writes everything (raw rounds included) to OUT.json.

Handshake ratios are cost ratios (ours / reference CPU; below 1 is cheaper);
record ratios (encrypt_*, decrypt_*) are throughput ratios (ours / reference;
above 1 is faster), as the targets are phrased. Otherwise ratios are ours / reference, where "ours" is
libsecur32 through its C ABI. Above 1 means we spend more CPU than the
reference for the same work. See "ratio_definitions" in the output for the
exact rows each ratio divides.
"""
import json
import statistics
import sys

MB = 1e6  # records: MB = 10^6 bytes of plaintext


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def groups_label(r):
    """What the key-exchange configuration of a handshake row was."""
    stack = r["stack"]
    if stack == "openssl":
        return "x25519"
    if stack == "go":
        return r.get("groups", "default")
    godebug = r.get("godebug") or ""
    return "x25519" if "tlsmlkem=0" in godebug else "default"


def gomaxprocs_label(r):
    if r["stack"] == "openssl":
        return "-"
    env = r.get("gomaxprocs_env")
    return "unset" if env is None else str(env)


def summarize_handshake(r):
    per = {"hs_per_cpu_s": [], "total_cpu_us": [], "server_cpu_us": [], "client_cpu_us": [], "hs_per_wall_s": []}
    for rd in r["rounds"]:
        n = rd["n"]
        per["hs_per_cpu_s"].append(n / rd["cpu_s"])
        per["total_cpu_us"].append(rd["cpu_s"] / n * 1e6)
        per["server_cpu_us"].append(rd["server_cpu_s"] / n * 1e6)
        per["client_cpu_us"].append((rd["cpu_s"] - rd["server_cpu_s"]) / n * 1e6)
        per["hs_per_wall_s"].append(n / rd["wall_s"])
    out = {k: median(v) for k, v in per.items()}
    sv = per["server_cpu_us"]
    # spread of the rounds: (max - min) / median of the server CPU
    out["server_cpu_spread"] = (max(sv) - min(sv)) / out["server_cpu_us"] if len(sv) > 1 and out["server_cpu_us"] else None
    return out


def summarize_record(r):
    enc = [rd["bytes"] / rd["enc_cpu_s"] / MB for rd in r["rounds"] if rd["enc_cpu_s"] > 0]
    dec = [rd["bytes"] / rd["dec_cpu_s"] / MB for rd in r["rounds"] if rd["dec_cpu_s"] > 0]
    calls = [rd["calls"] for rd in r["rounds"]]
    return {
        "enc_mb_per_cpu_s": median(enc),
        "dec_mb_per_cpu_s": median(dec),
        "enc_ns_per_call": median([rd["enc_cpu_s"] / rd["calls"] * 1e9 for rd in r["rounds"]]),
        "dec_ns_per_call": median([rd["dec_cpu_s"] / rd["calls"] * 1e9 for rd in r["rounds"]]),
        "calls_per_round": median(calls),
    }


def summarize_memory(r):
    n = r["contexts"]
    out = {"contexts": n}
    if "heap_alloc_after" in r:
        out["heap_bytes_per_context"] = (r["heap_alloc_after"] - r["heap_alloc_before"]) / n
        out["heap_inuse_bytes_per_context"] = (r["heap_inuse_after"] - r["heap_inuse_before"]) / n
    if "rss_after" in r:
        out["rss_bytes_per_context"] = (r["rss_after"] - r["rss_before"]) / n
    if "goroutines_after" in r:
        out["goroutines_per_context"] = (r["goroutines_after"] - r["goroutines_before"]) / n
        out["goroutines_per_context_after_settle"] = (r["goroutines_after_settle"] - r["goroutines_before"]) / n
    return out


def fmt(x, digits=0):
    if x is None:
        return "n/a"
    if isinstance(x, str):
        return x
    if digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def table(headers, rows, align=None):
    widths = [len(h) for h in headers]
    for row in rows:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], len(str(c)))
    align = align or ["<"] + [">"] * (len(headers) - 1)
    line = "  ".join(f"{h:{a}{w}}" for h, a, w in zip(headers, align, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in rows:
        out.append("  ".join(f"{str(c):{a}{w}}" for c, a, w in zip(row, align, widths)))
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    raw_path, out_path = args[0], args[1]
    meta = {}
    i = 2
    while i < len(args):
        if args[i] == "--meta" and i + 1 < len(args):
            k, _, v = args[i + 1].partition("=")
            meta[k] = v
            i += 2
        else:
            i += 1

    lines = [json.loads(l) for l in open(raw_path) if l.strip()]
    hs = [l for l in lines if l["kind"] == "handshake"]
    rec = [l for l in lines if l["kind"] == "record"]
    mem = [l for l in lines if l["kind"] == "memory"]
    scale = [l for l in lines if l["kind"] == "scale"]

    for r in hs:
        r["groups_config"] = groups_label(r)
        r["gomaxprocs_label"] = gomaxprocs_label(r)
        r["summary"] = summarize_handshake(r)
    for r in rec:
        r["summary"] = summarize_record(r)
    for r in mem:
        r["summary"] = summarize_memory(r)

    out = []
    p = out.append
    p(f"# libsecur32 benchmark ({meta.get('mode', '?')} run, {meta.get('started', '')})")
    p(f"machine: {meta.get('cpu', '?')}, {meta.get('nproc', '?')} CPUs, kernel {meta.get('kernel', '?')}; "
      f"{meta.get('go', '?')}; {meta.get('openssl', '?')}")
    p(f"load average at start {meta.get('loadavg_start', '?')}, at end {meta.get('loadavg_end', '?')} "
      f"(other processes share the CPUs: figures are CPU time, not wall time, where it matters)")
    p(f"commit {meta.get('commit', '?')[:12]}{' (work tree modified)' if meta.get('dirty_tree') == 'true' else ''}")
    p("")

    # ---- Handshakes
    p("## Handshakes (in memory, client and server in one process)")
    p("ours = libsecur32 through the C ABI (ISC <-> ASC), default (any-thread) contexts; ours-affine = the same with")
    p("SCH_CRED_LINUX_THREAD_AFFINE credentials (handshake on the calling thread); engine = secur32/engine from Go (no cgo);")
    p("go = crypto/tls client + server over a turn-taking in-memory pipe; openssl = libssl over memory BIOs.")
    p("total CPU = process CPU (all threads) per handshake, client + server; server CPU = process CPU during the")
    p("server's calls (ASC / server goroutine turns / server SSL calls); median of rounds.")
    p("")
    order = {"ours": 0, "ours-affine": 1, "engine": 2, "go": 3, "openssl": 4}
    case_order = {"tls13_ecdsa": 0, "tls13_rsa": 1, "tls12_ecdsa": 2, "tls13_resume": 3}
    rows = []
    for r in sorted(hs, key=lambda r: (case_order.get(r["case"], 9), r["gomaxprocs_label"] != "unset",
                                       r["gomaxprocs_label"], order.get(r["stack"], 9), r["groups_config"])):
        s, n = r["summary"], r["negotiated"]
        rows.append([r["case"], r["stack"], r["groups_config"], n.get("group", "?"), r["gomaxprocs_label"],
                     fmt(s["hs_per_cpu_s"]), fmt(s["total_cpu_us"]), fmt(s["server_cpu_us"]),
                     fmt(s["client_cpu_us"]), fmt(s["hs_per_wall_s"]),
                     "yes" if n.get("resumed") else "no",
                     f"{100 * s['server_cpu_spread']:.0f}%" if s.get("server_cpu_spread") is not None else "-"])
    p(table(["case", "stack", "groups cfg", "negotiated", "GOMAXPROCS", "hs/CPU-s", "total CPU us",
             "server CPU us", "client CPU us", "hs/wall-s", "resumed", "spread"], rows,
            ["<", "<", "<", "<", "<", ">", ">", ">", ">", ">", "<", ">"]))
    p("spread = (max - min) / median of the server CPU over the rounds: how much to trust the row.")
    p("")

    # ---- Records
    p("## Records: server EncryptMessage / DecryptMessage, MB (10^6 B) of plaintext per CPU-second")
    by = {}
    negs = {}
    for r in rec:
        by[(r["cipher"], r["size"], r["stack"])] = r["summary"]
        negs.setdefault((r["cipher"], r["stack"]), r["negotiated"])
    stacks = [s for s in ["ours", "engine", "go", "openssl"] if any(k[2] == s for k in by)]
    rows = []
    for cipher in ["AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305"]:
        for size in [16384, 1024, 64]:
            row = [cipher, str(size)]
            for what in ["enc_mb_per_cpu_s", "dec_mb_per_cpu_s"]:
                for st in stacks:
                    sm = by.get((cipher, size, st))
                    row.append(fmt(sm[what]) if sm else "n/a")
            rows.append(row)
    p(table(["cipher", "bytes"] + [f"enc {s}" for s in stacks] + [f"dec {s}" for s in stacks], rows))
    p("")
    p("negotiated: " + "; ".join(
        f"{c}/{s}: {n.get('version')} {n.get('suite')}" for (c, s), n in sorted(negs.items())))
    p("")

    # ---- Memory
    p("## Memory per idle established TLS 1.3 server context")
    rows = []
    for r in mem:
        s = r["summary"]
        rows.append([r["stack"], fmt(s["contexts"]), fmt(s.get("heap_bytes_per_context")),
                     fmt(s.get("rss_bytes_per_context")),
                     fmt(s.get("goroutines_per_context_after_settle"), 3) if "goroutines_per_context" in s else "-"])
    p(table(["stack", "contexts", "Go heap B/ctx (after GC)", "RSS B/ctx (no forced GC)", "goroutines/ctx"], rows))
    p("")

    # ---- Scale
    p("## Scaling: TLS 1.3 ECDSA handshakes with N client threads (each its own ISC <-> ASC pairs)")
    rows = []
    base = {}
    for r in scale:
        hps = r["handshakes"] / r["wall_s"]
        base.setdefault(r["stack"], hps if r["threads"] == 1 else None)
        r["summary"] = {"hs_per_wall_s": hps, "cpu_us_per_hs": r["cpu_s"] / max(r["handshakes"], 1) * 1e6,
                        "cpu_utilisation": r["cpu_s"] / r["wall_s"]}
        b = base.get(r["stack"])
        r["summary"]["speedup_vs_1_thread"] = hps / b if b else None
        a = r.get("asc_us", {})
        rows.append([r["stack"], str(r["threads"]), fmt(hps), fmt(r["summary"]["speedup_vs_1_thread"], 2),
                     fmt(r["summary"]["cpu_us_per_hs"]), fmt(r["summary"]["cpu_utilisation"], 2),
                     fmt(a.get("p50"), 0) if a else "-", fmt(a.get("p90"), 0) if a else "-",
                     fmt(a.get("p99"), 0) if a else "-", fmt(a.get("max"), 0) if a else "-"])
    p(table(["stack", "threads", "hs/s", "x 1 thread", "CPU us/hs", "CPUs busy", "ASC p50 us", "p90", "p99", "max"],
            rows))
    p("")
    ours_scale = [r for r in scale if r["stack"] in ("ours", "ours-affine") and "asc_hist" in r]
    if ours_scale:
        p("Histogram of the wall time of one AcceptSecurityContext call, share of calls per bucket:")
        edges = ours_scale[0]["asc_hist"]["edges_us"]
        labels = []
        for k, e in enumerate(edges):
            hi = edges[k + 1] if k + 1 < len(edges) else None
            labels.append(f"{e:g}-{hi:g} us" if hi else f">= {e:g} us")
        rows = []
        for k, lab in enumerate(labels):
            row = [lab]
            for r in ours_scale:
                c = r["asc_hist"]["counts"]
                tot = sum(c) or 1
                row.append(f"{100.0 * c[k] / tot:5.1f}%")
            rows.append(row)
        p(table(["ASC time"] + [f"{'affine ' if r['stack'] == 'ours-affine' else ''}{r['threads']} thr" for r in ours_scale], rows))
        p("")

    # ---- Ratios
    def hs_row(stack, case, groups, gmp="unset"):
        for r in hs:
            if r["stack"] == stack and r["case"] == case and r["groups_config"] == groups and r["gomaxprocs_label"] == gmp:
                return r["summary"]
        return None

    def rec_row(stack, cipher="AES-128-GCM", size=16384):
        return by.get((cipher, size, stack))

    def ratio(a, b):
        return a / b if a is not None and b not in (None, 0) else None

    def hs_ratio(num, den, what="server_cpu_us"):
        a, b = hs_row(*num), hs_row(*den)
        return ratio(a and a[what], b and b[what])

    def rec_ratio(num, den, what, cipher="AES-128-GCM", size=16384):
        # throughput ratio = our throughput / reference throughput (the
        # issue's targets: encrypt >= 0.90x, decrypt >= 0.85x Go)
        a, b = rec_row(num, cipher, size), rec_row(den, cipher, size)
        return ratio(a and a[what], b and b[what])

    mem_by = {r["stack"]: r["summary"] for r in mem}
    sc = {(r["stack"], r["threads"]): r["summary"] for r in scale}
    ratios = {
        "server_cpu_per_handshake_vs_go": hs_ratio(("ours", "tls13_ecdsa", "default"), ("go", "tls13_ecdsa", "default")),
        "server_cpu_per_handshake_vs_openssl": hs_ratio(("ours", "tls13_ecdsa", "x25519"), ("openssl", "tls13_ecdsa", "x25519", "-")),
        "encrypt_vs_go": rec_ratio("ours", "go", "enc_mb_per_cpu_s"),
        "decrypt_vs_go": rec_ratio("ours", "go", "dec_mb_per_cpu_s"),
        "encrypt_vs_openssl": rec_ratio("ours", "openssl", "enc_mb_per_cpu_s"),
        "decrypt_vs_openssl": rec_ratio("ours", "openssl", "dec_mb_per_cpu_s"),
        "heap_bytes_per_idle_context": mem_by.get("engine", {}).get("heap_bytes_per_context"),
        "goroutines_per_idle_context": mem_by.get("ours", {}).get("goroutines_per_context_after_settle"),
        "handshake_scaling_1_to_2_threads": ratio(sc.get(("ours", 2), {}).get("hs_per_wall_s"),
                                                  sc.get(("ours", 1), {}).get("hs_per_wall_s")),
        # The same handshake targets with SCH_CRED_LINUX_THREAD_AFFINE.
        "server_cpu_per_handshake_vs_go_thread_affine": hs_ratio(("ours-affine", "tls13_ecdsa", "default"), ("go", "tls13_ecdsa", "default")),
        "server_cpu_per_handshake_vs_openssl_thread_affine": hs_ratio(("ours-affine", "tls13_ecdsa", "x25519"), ("openssl", "tls13_ecdsa", "x25519", "-")),
        "server_cpu_resumption_vs_openssl": hs_ratio(("ours", "tls13_resume", "x25519"), ("openssl", "tls13_resume", "x25519", "-")),
        "server_cpu_resumption_vs_openssl_thread_affine": hs_ratio(("ours-affine", "tls13_resume", "x25519"), ("openssl", "tls13_resume", "x25519", "-")),
        "handshake_scaling_1_to_2_threads_thread_affine": ratio(sc.get(("ours-affine", 2), {}).get("hs_per_wall_s"),
                                                                sc.get(("ours-affine", 1), {}).get("hs_per_wall_s")),
    }
    definitions = {
        "server_cpu_per_handshake_vs_go": "server CPU per handshake, ours / go; TLS 1.3 ECDSA P-256, both with crypto/tls default groups (negotiate X25519MLKEM768), GOMAXPROCS unset",
        "server_cpu_per_handshake_vs_openssl": "server CPU per handshake, ours with GODEBUG=tlsmlkem=0 (negotiates X25519) / openssl pinned to X25519; TLS 1.3 ECDSA P-256 (OpenSSL 3.0 has no ML-KEM, so this is the only same-group pair)",
        "encrypt_vs_go": "throughput (MB per CPU-second) of EncryptMessage / tls.Conn.Write, ours / go; 16 KiB, TLS 1.3 AES-128-GCM; above 1 is faster",
        "decrypt_vs_go": "throughput of DecryptMessage / tls.Conn.Read, ours / go; 16 KiB, TLS 1.3 AES-128-GCM; above 1 is faster",
        "encrypt_vs_openssl": "throughput, ours / SSL_write; 16 KiB, TLS 1.3 AES-128-GCM; above 1 is faster",
        "decrypt_vs_openssl": "throughput, ours / SSL_read; 16 KiB, TLS 1.3 AES-128-GCM; above 1 is faster",
        "heap_bytes_per_idle_context": "live Go heap (HeapAlloc after runtime.GC) per idle established TLS 1.3 server engine.Context, absolute bytes",
        "goroutines_per_idle_context": "goroutines per idle established TLS 1.3 server context through the C ABI (runtime.NumGoroutine delta / contexts), absolute",
        "handshake_scaling_1_to_2_threads": "handshakes per wall-second with 2 client threads / with 1 (ours, C ABI, TLS 1.3 ECDSA default groups); 2.0 = perfect on 2 CPUs",
        "server_cpu_per_handshake_vs_go_thread_affine": "server_cpu_per_handshake_vs_go with ours-affine (SCH_CRED_LINUX_THREAD_AFFINE credentials)",
        "server_cpu_per_handshake_vs_openssl_thread_affine": "server_cpu_per_handshake_vs_openssl with ours-affine",
        "server_cpu_resumption_vs_openssl": "server CPU per TLS 1.3 resumption (ticket, psk_dhe_ke), ours with GODEBUG=tlsmlkem=0 / openssl, both X25519, GOMAXPROCS unset",
        "server_cpu_resumption_vs_openssl_thread_affine": "server_cpu_resumption_vs_openssl with ours-affine",
        "handshake_scaling_1_to_2_threads_thread_affine": "handshake_scaling_1_to_2_threads with ours-affine",
    }
    extra = {
        "total_cpu_per_handshake_vs_go": hs_ratio(("ours", "tls13_ecdsa", "default"), ("go", "tls13_ecdsa", "default"), "total_cpu_us"),
        "total_cpu_per_handshake_vs_openssl": hs_ratio(("ours", "tls13_ecdsa", "x25519"), ("openssl", "tls13_ecdsa", "x25519", "-"), "total_cpu_us"),
        "server_cpu_per_handshake_vs_openssl_default_groups": hs_ratio(("ours", "tls13_ecdsa", "default"), ("openssl", "tls13_ecdsa", "x25519", "-")),
        "server_cpu_per_handshake_vs_go_x25519": hs_ratio(("ours", "tls13_ecdsa", "x25519"), ("go", "tls13_ecdsa", "x25519")),
        "server_cpu_per_handshake_engine_vs_go": hs_ratio(("engine", "tls13_ecdsa", "default"), ("go", "tls13_ecdsa", "default")),
        "server_cpu_per_handshake_ours_vs_engine": hs_ratio(("ours", "tls13_ecdsa", "default"), ("engine", "tls13_ecdsa", "default")),
        "server_cpu_per_handshake_vs_go_gomaxprocs1": hs_ratio(("ours", "tls13_ecdsa", "default", "1"), ("go", "tls13_ecdsa", "default", "1")),
        "server_cpu_per_handshake_ours_gomaxprocs1_vs_unset": hs_ratio(("ours", "tls13_ecdsa", "default", "1"), ("ours", "tls13_ecdsa", "default")),
        "server_cpu_resumption_vs_go": hs_ratio(("ours", "tls13_resume", "default"), ("go", "tls13_resume", "default")),
        "server_cpu_rsa_vs_go": hs_ratio(("ours", "tls13_rsa", "default"), ("go", "tls13_rsa", "default")),
        "server_cpu_tls12_vs_go": hs_ratio(("ours", "tls12_ecdsa", "default"), ("go", "tls12_ecdsa", "x25519")),
        "server_cpu_per_handshake_vs_go_gomaxprocs1_thread_affine": hs_ratio(("ours-affine", "tls13_ecdsa", "default", "1"), ("go", "tls13_ecdsa", "default", "1")),
        "server_cpu_per_handshake_vs_go_x25519_thread_affine": hs_ratio(("ours-affine", "tls13_ecdsa", "x25519"), ("go", "tls13_ecdsa", "x25519")),
        "server_cpu_per_handshake_ours_affine_vs_engine": hs_ratio(("ours-affine", "tls13_ecdsa", "default"), ("engine", "tls13_ecdsa", "default")),
        "server_cpu_resumption_vs_go_thread_affine": hs_ratio(("ours-affine", "tls13_resume", "default"), ("go", "tls13_resume", "default")),
        "server_cpu_rsa_vs_go_thread_affine": hs_ratio(("ours-affine", "tls13_rsa", "default"), ("go", "tls13_rsa", "default")),
        "server_cpu_tls12_vs_go_thread_affine": hs_ratio(("ours-affine", "tls12_ecdsa", "default"), ("go", "tls12_ecdsa", "x25519")),
        "encrypt_1KiB_vs_go": rec_ratio("ours", "go", "enc_mb_per_cpu_s", size=1024),
        "decrypt_1KiB_vs_go": rec_ratio("ours", "go", "dec_mb_per_cpu_s", size=1024),
        "encrypt_64B_vs_go": rec_ratio("ours", "go", "enc_mb_per_cpu_s", size=64),
        "decrypt_64B_vs_go": rec_ratio("ours", "go", "dec_mb_per_cpu_s", size=64),
        "encrypt_64B_ours_vs_engine": rec_ratio("ours", "engine", "enc_mb_per_cpu_s", size=64),
        "decrypt_64B_ours_vs_engine": rec_ratio("ours", "engine", "dec_mb_per_cpu_s", size=64),
        "go_tls_conn_heap_bytes_per_idle_conn": mem_by.get("go", {}).get("heap_bytes_per_context"),
        "rss_bytes_per_idle_context": mem_by.get("ours", {}).get("rss_bytes_per_context"),
        "openssl_rss_bytes_per_idle_ssl": mem_by.get("openssl", {}).get("rss_bytes_per_context"),
        "openssl_handshake_scaling_1_to_2_threads": ratio(sc.get(("openssl", 2), {}).get("hs_per_wall_s"),
                                                          sc.get(("openssl", 1), {}).get("hs_per_wall_s")),
    }

    p("## Ratios (cost ratios ours / reference: > 1 = we spend more)")
    rows = [[k, fmt(v, 3), definitions[k]] for k, v in ratios.items()]
    p(table(["ratio", "value", "definition"], rows, ["<", ">", "<"]))
    p("")
    p("more ratios (JSON: ratios_extra):")
    rows = [[k, fmt(v, 3)] for k, v in extra.items()]
    p(table(["ratio", "value"], rows, ["<", ">"]))

    text = "\n".join(out)
    print(text)

    result = {
        "meta": meta,
        "method": "see bench/README.md",
        "ratios": ratios,
        "ratio_definitions": definitions,
        "ratios_extra": extra,
        "handshakes": hs,
        "records": rec,
        "memory": mem,
        "scale": scale,
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
