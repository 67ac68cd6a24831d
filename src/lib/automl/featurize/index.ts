export {
  type Encoded,
  Featurizer,
  type FeaturizerOptions,
  fitFeaturizer,
  type InputColumn,
  loadFeaturizer,
} from './featurizer';
export type { DroppedColumn, FeaturizerJSON } from './plan';
export { dropMissingTarget, encodeTarget, inferTask, type TargetOptions } from './target';
