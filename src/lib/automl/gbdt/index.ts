export { binnedDataset } from '../tree/binning';
export { gbdtLearner } from './learner';
export { GbdtModel } from './model';
