export { LinearDesign } from './design';
export { type LbfgsOptions, type LbfgsResult, minimizeLbfgs } from './lbfgs';
export { type LogisticModel, logisticRegressionLearner } from './logistic';
export { type RidgeModel, ridgeLearner } from './ridge';
