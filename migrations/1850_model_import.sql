-- Imported ONNX models are registered beside scorecards and trees (XGBoost / LightGBM JSON become native trees,
-- kind gbdt); the file's bytes are kept in the version's model document and run in onnxruntime.
alter table model_versions drop constraint model_versions_kind_check;
alter table model_versions add constraint model_versions_kind_check check (kind in ('scorecard', 'gbdt', 'onnx'));
