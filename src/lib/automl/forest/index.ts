export type { OobEstimate } from './fit';
export { extraTreesLearner, randomForestLearner } from './learners';
export { ForestModel } from './model';
