export { gbdtLearner } from './learner';
export { GbdtModel } from './model';
