#!/usr/bin/env python3
"""Train the wine-quality classifier and package it for ONNX Runtime (Java) serving.

One command, run from the repository root:

    python3 training/wine-quality/train.py [--data-dir ../shared/data/wine-quality] \
                                           [--out models/wine-quality/1.0.0]

Outputs (in --out): model.onnx, metadata.json, heldout.csv.
Also caches the fitted scikit-learn model at training/wine-quality/.cache/sklearn-model.joblib
(gitignored) for the Python latency baseline (sklearn_predict_bench.py, fastapi_server.py).

The run is deterministic: same data + same pinned requirements => byte-identical model.onnx,
metadata.json and heldout.csv.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / ".." / "shared" / "data" / "wine-quality"
DEFAULT_OUT_DIR = REPO_ROOT / "models" / "wine-quality" / "1.0.0"
CACHE_DIR = HERE / ".cache"
SKLEARN_CACHE = CACHE_DIR / "sklearn-model.joblib"

MODEL_NAME = "wine-quality"
MODEL_VERSION = "1.0.0"
INPUT_NAME = "features"
OUTPUT_LABEL = "label"
OUTPUT_PROBABILITIES = "probabilities"

RED_FILE = "winequality-red.csv"
WHITE_FILE = "winequality-white.csv"

# The 11 physico-chemical columns, in file order, and their snake_case names.
RAW_COLUMNS = [
    "fixed acidity", "volatile acidity", "citric acid", "residual sugar", "chlorides",
    "free sulfur dioxide", "total sulfur dioxide", "density", "pH", "sulphates", "alcohol",
]
TARGET_RAW = "quality"
FEATURES = [
    "fixed_acidity", "volatile_acidity", "citric_acid", "residual_sugar", "chlorides",
    "free_sulfur_dioxide", "total_sulfur_dioxide", "density", "ph", "sulphates", "alcohol",
    "is_red",
]

TEST_SIZE = 0.2
RANDOM_STATE = 42
RF_PARAMS = {
    "n_estimators": 100,
    "max_depth": 14,  # bounds model.onnx to ~12.6 MB (16 gives 15.2 MB)
    "random_state": RANDOM_STATE,
    "n_jobs": 1,
}
# Conservative opsets: supported by every onnxruntime >= 1.13 (Java included).
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}
PROBA_TOLERANCE = 1e-5


# ---------------------------------------------------------------------------- data

def _read_csv_bytes(raw: bytes, name: str) -> pd.DataFrame:
    """Parse one wine CSV; the UCI originals are ';'-separated, the shared copy ','-separated."""
    header = raw.split(b"\n", 1)[0].decode("utf-8")
    sep = ";" if header.count(";") > header.count(",") else ","
    df = pd.read_csv(io.BytesIO(raw), sep=sep, quotechar='"')
    df.columns = [c.strip().strip('"') for c in df.columns]
    expected = RAW_COLUMNS + [TARGET_RAW]
    if list(df.columns) != expected:
        raise SystemExit(f"{name}: unexpected columns {list(df.columns)}, expected {expected}")
    return df


def load_data(data_dir: Path) -> tuple[pd.DataFrame, str]:
    """Returns (frame with FEATURES + 'quality', sha256 of red bytes + white bytes)."""
    for f in (RED_FILE, WHITE_FILE):
        if not (data_dir / f).is_file():
            raise SystemExit(f"{data_dir / f} not found (pass --data-dir)")
    red_raw = (data_dir / RED_FILE).read_bytes()
    white_raw = (data_dir / WHITE_FILE).read_bytes()
    sha = hashlib.sha256(red_raw + white_raw).hexdigest()
    parts = []
    for raw, name, is_red in ((red_raw, RED_FILE, 1.0), (white_raw, WHITE_FILE, 0.0)):
        df = _read_csv_bytes(raw, name)
        out = pd.DataFrame({f: df[c].astype(np.float64) for f, c in zip(FEATURES[:-1], RAW_COLUMNS)})
        out["is_red"] = is_red
        out["quality"] = df[TARGET_RAW].astype(np.int64)
        parts.append(out)
    data = pd.concat(parts, ignore_index=True)
    if data[FEATURES].isna().any().any():
        raise SystemExit("missing values in the data")
    return data, sha


def split(data: pd.DataFrame):
    """Stratified held-out split. Features as float32: exactly what ONNX Runtime receives."""
    from sklearn.model_selection import train_test_split

    X = data[FEATURES].to_numpy(dtype=np.float32)
    y = data["quality"].to_numpy(dtype=np.int64)
    return train_test_split(X, y, test_size=TEST_SIZE, random_state=RANDOM_STATE, stratify=y)


def train_model(X_train: np.ndarray, y_train: np.ndarray):
    from sklearn.ensemble import RandomForestClassifier

    model = RandomForestClassifier(**RF_PARAMS)
    model.fit(X_train, y_train)
    return model


def fit_default(data_dir: Path | None = None):
    """Load, split and train with the pipeline's fixed settings. Returns (model, X_test, y_test)."""
    data, _ = load_data(data_dir or DEFAULT_DATA_DIR)
    X_train, X_test, y_train, y_test = split(data)
    return train_model(X_train, y_train), X_test, y_test


def save_sklearn_cache(model, path: Path = SKLEARN_CACHE) -> None:
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)


def load_or_train_sklearn(data_dir: Path | None = None):
    """The cached sklearn model from the last train.py run, retraining (and caching) if absent."""
    import joblib

    if SKLEARN_CACHE.exists():
        return joblib.load(SKLEARN_CACHE)
    model, _, _ = fit_default(data_dir)
    save_sklearn_cache(model)
    return model


# ---------------------------------------------------------------------------- export

def to_onnx_bytes(model) -> bytes:
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    onx = convert_sklearn(
        model,
        name=MODEL_NAME,
        initial_types=[(INPUT_NAME, FloatTensorType([None, len(FEATURES)]))],
        options={id(model): {"zipmap": False}},
        target_opset=TARGET_OPSET,
        final_types=None,
    )
    out_names = [o.name for o in onx.graph.output]
    if out_names != [OUTPUT_LABEL, OUTPUT_PROBABILITIES]:
        raise SystemExit(f"unexpected ONNX outputs {out_names}")
    # skl2onnx may list the default domain twice; keep one entry per domain (highest version).
    opsets: dict[str, int] = {}
    for op in onx.opset_import:
        opsets[op.domain] = max(op.version, opsets.get(op.domain, 0))
    del onx.opset_import[:]
    for domain in sorted(opsets):
        op = onx.opset_import.add()
        op.domain, op.version = domain, opsets[domain]
    onx.doc_string = f"{MODEL_NAME} {MODEL_VERSION}"
    del onx.metadata_props[:]
    for k, v in (("name", MODEL_NAME), ("version", MODEL_VERSION)):
        p = onx.metadata_props.add()
        p.key, p.value = k, v
    return onx.SerializeToString(deterministic=True)


def verify_onnx(onnx_bytes: bytes, model, X_test: np.ndarray):
    """ONNX labels must equal sklearn predict on every row; probabilities within PROBA_TOLERANCE."""
    import onnxruntime as ort

    sess = ort.InferenceSession(onnx_bytes, providers=["CPUExecutionProvider"])
    label, proba = sess.run([OUTPUT_LABEL, OUTPUT_PROBABILITIES], {INPUT_NAME: X_test})
    sk_label = model.predict(X_test)
    sk_proba = model.predict_proba(X_test)
    mismatched = int(np.sum(label != sk_label))
    max_diff = float(np.max(np.abs(proba.astype(np.float64) - sk_proba)))
    if mismatched or max_diff > PROBA_TOLERANCE:
        raise SystemExit(
            f"ONNX parity FAILED: {mismatched} label mismatches, max |dp| = {max_diff:.3g}")
    return sess, sk_label, sk_proba, max_diff


# ---------------------------------------------------------------------------- outputs

def _f32(x) -> str:
    """Shortest decimal that round-trips to the same float32 (what Float.parseFloat returns)."""
    return np.format_float_positional(np.float32(x), unique=True, trim="-")


def _f64(x) -> str:
    return repr(float(x))


def write_heldout(path: Path, X_test, classes, sk_label, sk_proba) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FEATURES + ["expected_label"] + [f"p_{c}" for c in classes])
    for row, lab, pr in zip(X_test, sk_label, sk_proba):
        w.writerow([_f32(v) for v in row] + [int(lab)] + [_f64(p) for p in pr])
    path.write_bytes(buf.getvalue().encode("utf-8"))


def feature_ranges(X_train: np.ndarray) -> list[dict]:
    out = []
    for i, name in enumerate(FEATURES):
        if name == "is_red":
            lo, hi = 0.0, 1.0
        else:
            # float32 column -> shortest decimal -> float64 (65.8, not 65.80000305...)
            mn, mx = float(_f32(X_train[:, i].min())), float(_f32(X_train[:, i].max()))
            span = mx - mn
            lo, hi = mn - 0.1 * span, mx + 0.1 * span
        out.append({"name": name, "type": "float", "min": round(lo, 6), "max": round(hi, 6)})
    return out


def created_at() -> str:
    """Reproducible: SOURCE_DATE_EPOCH if set, else the Unix epoch (meaning 'not stamped')."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def onnx_opsets(onnx_bytes: bytes) -> dict:
    import onnx

    m = onnx.load_from_string(onnx_bytes)
    return {"irVersion": int(m.ir_version),
            **{(op.domain or "ai.onnx"): int(op.version) for op in m.opset_import}}


def framework_versions() -> dict:
    import onnx
    import onnxruntime
    import skl2onnx
    import sklearn

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "skl2onnx": skl2onnx.__version__,
        "onnx": onnx.__version__,
        "onnxruntime": onnxruntime.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
    }


# ---------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                    help="folder with winequality-red.csv and winequality-white.csv "
                         "(default: <repo>/../shared/data/wine-quality)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR,
                    help="output package folder (default: <repo>/models/wine-quality/1.0.0)")
    ap.add_argument("--no-cache", action="store_true",
                    help="do not write the sklearn joblib cache used by the Python benchmarks")
    args = ap.parse_args(argv)

    from sklearn.metrics import accuracy_score, f1_score

    data_dir = args.data_dir.resolve()
    out = args.out.resolve()
    data, data_sha = load_data(data_dir)
    X_train, X_test, y_train, y_test = split(data)
    model = train_model(X_train, y_train)
    classes = [int(c) for c in model.classes_]

    onnx_bytes = to_onnx_bytes(model)
    _, sk_label, sk_proba, max_diff = verify_onnx(onnx_bytes, model, X_test)

    accuracy = float(accuracy_score(y_test, sk_label))
    macro_f1 = float(f1_score(y_test, sk_label, average="macro", labels=classes, zero_division=0))

    out.mkdir(parents=True, exist_ok=True)
    (out / "model.onnx").write_bytes(onnx_bytes)
    write_heldout(out / "heldout.csv", X_test, classes, sk_label, sk_proba)
    metadata = {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "createdAt": created_at(),
        "task": "multiclass-classification",
        "frameworks": framework_versions(),
        "onnx": {"targetOpset": {(k or "ai.onnx"): v for k, v in TARGET_OPSET.items()},
                 "opsetImport": onnx_opsets(onnx_bytes),
                 "modelSha256": hashlib.sha256(onnx_bytes).hexdigest(), "sizeBytes": len(onnx_bytes)},
        "input": {"name": INPUT_NAME, "type": "float32", "shape": [None, len(FEATURES)]},
        "outputs": [
            {"name": OUTPUT_LABEL, "type": "int64", "shape": [None]},
            {"name": OUTPUT_PROBABILITIES, "type": "float32", "shape": [None, len(classes)]},
        ],
        "features": feature_ranges(X_train),
        "classes": classes,
        "metrics": {
            "accuracy": round(accuracy, 6),
            "macroF1": round(macro_f1, 6),
            "heldOutRows": int(len(y_test)),
            "onnxMaxProbabilityDiff": float(f"{max_diff:.3g}"),
        },
        "dataSha256": data_sha,
        "data": {"files": [RED_FILE, WHITE_FILE], "rows": int(len(data)),
                 "trainRows": int(len(y_train))},
        "training": {
            "algorithm": "sklearn.ensemble.RandomForestClassifier",
            "params": RF_PARAMS,
            "split": {"testSize": TEST_SIZE, "randomState": RANDOM_STATE, "stratify": "quality"},
            "target": "quality",
        },
    }
    (out / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")

    if not args.no_cache:
        save_sklearn_cache(model)

    print(json.dumps({
        "out": str(out),
        "accuracy": metadata["metrics"]["accuracy"],
        "macroF1": metadata["metrics"]["macroF1"],
        "heldOutRows": len(y_test),
        "onnxBytes": len(onnx_bytes),
        "onnxSha256": metadata["onnx"]["modelSha256"],
        "onnxMaxProbabilityDiff": max_diff,
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
