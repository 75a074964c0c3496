#!/usr/bin/env python3
"""scikit-learn single-row predict latency on the wine-quality held-out rows (the Python baseline).

    python3 training/wine-quality/sklearn_predict_bench.py [--calls 2000] [--warmup 200]

Loads the sklearn model cached by train.py (training/wine-quality/.cache/sklearn-model.joblib;
retrains and caches it if absent), reads the held-out feature rows from
models/wine-quality/1.0.0/heldout.csv, and times `model.predict(row)` for one row at a time,
cycling through the rows. Prints JSON: {"p50_us": ..., "p99_us": ..., ...}.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="sklearn single-row predict latency")
    ap.add_argument("--heldout", type=Path, default=train.DEFAULT_OUT_DIR / "heldout.csv")
    ap.add_argument("--data-dir", type=Path, default=None,
                    help="data folder, only used if the sklearn model must be retrained")
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=200)
    args = ap.parse_args(argv)

    model = train.load_or_train_sklearn(args.data_dir)
    rows = pd.read_csv(args.heldout)[train.FEATURES].to_numpy(dtype=np.float32)
    singles = [rows[i:i + 1] for i in range(len(rows))]

    for i in range(args.warmup):
        model.predict(singles[i % len(singles)])

    times_ns = np.empty(args.calls, dtype=np.int64)
    for i in range(args.calls):
        x = singles[i % len(singles)]
        t0 = time.perf_counter_ns()
        model.predict(x)
        times_ns[i] = time.perf_counter_ns() - t0

    us = times_ns / 1000.0
    print(json.dumps({
        "p50_us": round(float(np.percentile(us, 50)), 1),
        "p99_us": round(float(np.percentile(us, 99)), 1),
        "mean_us": round(float(us.mean()), 1),
        "calls": args.calls,
        "warmup": args.warmup,
        "n_jobs": model.n_jobs,
        "n_estimators": model.n_estimators,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
