"""Python peers for `npm run bench -- models`: fit on the identical split riskloop used and print one JSON line each.

Usage: models_peers.py DIR RUNS [THREADS [XGB_RUNS]]. DIR holds X.f64 (row-major float64, NaN = missing), y.u8,
test.u32 (row indices of the held-out 30 %, written by bench/models.ts) and meta.json ({"rows": n, "cols": p}). Fit
times are medians; xgboost runs XGB_RUNS times on THREADS threads (riskloop's GBDT gets the same in the same run).
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, roc_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

d, runs = sys.argv[1], int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
xgb_runs = int(sys.argv[4]) if len(sys.argv) > 4 else runs
meta = json.load(open(d + '/meta.json'))
X = np.fromfile(d + '/X.f64', dtype='<f8').reshape(meta['rows'], meta['cols'])
y = np.fromfile(d + '/y.u8', dtype=np.uint8).astype(np.int32)
test = np.fromfile(d + '/test.u32', dtype='<u4').astype(np.int64)
mask = np.zeros(len(y), dtype=bool)
mask[test] = True
Xtr, ytr, Xte, yte = X[~mask], y[~mask], X[mask], y[mask]


def xgb_model():
    import xgboost as xgb
    # riskloop's GBDT: 255 value bins per feature (plus its missing bin; xgboost keeps missing values apart too)
    return xgb.XGBClassifier(n_estimators=300, max_depth=4, learning_rate=0.05, tree_method='hist', max_bin=255,
                             n_jobs=threads)


peers = {
    'xgboost': xgb_model,
    'sklearn-histgb': lambda: HistGradientBoostingClassifier(random_state=42),
    'sklearn-logistic-raw': lambda: make_pipeline(
        SimpleImputer(strategy='median'), StandardScaler(), LogisticRegression(max_iter=2000)),
}
for name, make in peers.items():
    try:
        times = []
        for _ in range(xgb_runs if name == 'xgboost' else runs):
            m = make()
            t0 = time.perf_counter()
            m.fit(Xtr, ytr)
            times.append(time.perf_counter() - t0)
        p = m.predict_proba(Xte)[:, 1]
        fpr, tpr, _ = roc_curve(yte, p)
        print(json.dumps({'subject': name, 'auc': roc_auc_score(yte, p), 'ks': float(np.max(tpr - fpr)),
                          'seconds': sorted(times)[len(times) // 2]}), flush=True)
    except Exception as e:  # a missing package skips that peer only
        print(json.dumps({'subject': name, 'error': str(e)}), flush=True)
