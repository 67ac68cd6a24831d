export { evaluateFrame, type FramePredictor } from './evaluateFrame';
export { type Evaluation, metricOf } from './evaluation';
export { type JudgedModel, LabelledPredictions, MAX_METRIC_ROWS } from './labelledPredictions';
export { classIndexer, frameLabels, MISSING_TARGET, UNSEEN_LABEL } from './labels';
export { metricsReport } from './metricsReport';
