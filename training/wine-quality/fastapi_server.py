#!/usr/bin/env python3
"""FastAPI + uvicorn server for the same wine-quality model in scikit-learn (the Python baseline).

    pip install -r training/wine-quality/requirements.txt -r training/wine-quality/requirements-bench.txt
    python3 training/wine-quality/fastapi_server.py [--host 127.0.0.1] [--port 8000]

POST /models/wine-quality/predict
    {"instances": [{"fixed_acidity": 7.4, ..., "is_red": 1.0}, ...]}
 -> {"predictions": [{"label": 5, "probabilities": {"3": 0.0, ..., "9": 0.0}}, ...],
     "modelVersion": "1.0.0"}
GET /healthz -> {"status": "ok", "modelVersion": "1.0.0"}

The model is the sklearn model cached by train.py (training/wine-quality/.cache/sklearn-model.joblib),
retrained with train.py's settings and cached if absent.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train  # noqa: E402

MAX_INSTANCES = 1000


class PredictRequest(BaseModel):
    instances: list[dict[str, Any]]


def create_app(model=None, data_dir: Path | None = None) -> FastAPI:
    model = model if model is not None else train.load_or_train_sklearn(data_dir)
    classes = [int(c) for c in model.classes_]
    class_keys = [str(c) for c in classes]
    features = train.FEATURES
    known = set(features)
    app = FastAPI(title="wine-quality (scikit-learn baseline)")

    def to_matrix(instances: list[dict[str, Any]]) -> np.ndarray:
        if not instances:
            raise HTTPException(400, "instances must not be empty")
        if len(instances) > MAX_INSTANCES:
            raise HTTPException(400, f"at most {MAX_INSTANCES} instances per request")
        X = np.empty((len(instances), len(features)), dtype=np.float32)
        for i, inst in enumerate(instances):
            unknown = set(inst) - known
            if unknown:
                raise HTTPException(400, f"instances[{i}]: unknown feature(s) {sorted(unknown)}")
            for j, name in enumerate(features):
                if name not in inst:
                    raise HTTPException(400, f"instances[{i}]: missing feature '{name}'")
                v = inst[name]
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                    raise HTTPException(400, f"instances[{i}].{name}: must be a finite number")
                X[i, j] = v
        return X

    @app.get("/healthz")
    def healthz():
        return {"status": "ok", "modelVersion": train.MODEL_VERSION}

    @app.post(f"/models/{train.MODEL_NAME}/predict")
    def predict(req: PredictRequest):
        X = to_matrix(req.instances)
        proba = model.predict_proba(X)
        # Same as model.predict: classes_[argmax(predict_proba)].
        labels = model.classes_.take(np.argmax(proba, axis=1))
        return {
            "predictions": [
                {"label": int(lab), "probabilities": dict(zip(class_keys, map(float, p)))}
                for lab, p in zip(labels, proba)
            ],
            "modelVersion": train.MODEL_VERSION,
        }

    return app


def main(argv=None) -> int:
    import uvicorn

    ap = argparse.ArgumentParser(description="wine-quality sklearn FastAPI server")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--data-dir", type=Path, default=None,
                    help="data folder, only used if the sklearn model must be retrained")
    args = ap.parse_args(argv)
    uvicorn.run(create_app(data_dir=args.data_dir), host=args.host, port=args.port,
                workers=1, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
