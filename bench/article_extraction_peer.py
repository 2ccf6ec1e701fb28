#!/usr/bin/env python3
"""Time trafilatura on the article-extraction benchmark, the way shared/data/article-extraction/PEERS.md does.

Usage: article_extraction_peer.py HTML_DIR PRED_OUT.json TIMING_OUT.json

All pages are decompressed into memory first; only the `extract` calls are timed, on one
core; the throughput is the median of 3 runs. The predictions of the last run are written
as {id: text} for the scorer.
"""
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

import trafilatura

RUNS = 3


def load_pages(html_dir):
    pages = []
    for path in sorted(Path(html_dir).glob("*.html*")):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        pages.append((path.name.split(".")[0], raw.decode("utf-8", errors="replace")))
    return pages


def main():
    html_dir, pred_out, timing_out = sys.argv[1:4]
    pages = load_pages(html_dir)
    total_bytes = sum(len(h.encode("utf-8")) for _, h in pages)
    seconds = []
    preds = {}
    for _ in range(RUNS):
        elapsed = 0.0
        for page_id, html in pages:
            start = time.perf_counter()
            text = trafilatura.extract(html, include_comments=False)
            elapsed += time.perf_counter() - start
            preds[page_id] = text or ""
        seconds.append(elapsed)
    median = statistics.median(seconds)
    Path(pred_out).write_text(json.dumps(preds, ensure_ascii=False), encoding="utf-8")
    timing = {
        "tool": f"trafilatura {trafilatura.__version__}",
        "pages": len(pages),
        "html_bytes": total_bytes,
        "runs_seconds": seconds,
        "median_seconds": median,
        "pages_per_sec": len(pages) / median,
        "mb_per_sec": total_bytes / 1e6 / median,
    }
    Path(timing_out).write_text(json.dumps(timing, indent=2), encoding="utf-8")
    print(f"{timing['tool']}: {timing['pages_per_sec']:.1f} pages/s, {timing['mb_per_sec']:.1f} MB/s")


if __name__ == "__main__":
    main()
