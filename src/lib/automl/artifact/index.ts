export { type ArtifactInput, artifactHash, buildArtifact, EXAMPLE_ROWS, serializeArtifact } from './build';
export { canonicalJson, sha256Hex } from './canonical';
export { loadArtifact, parseArtifact } from './load';
export { type Prediction, Predictor } from './predictor';
export {
  ARTIFACT_FORMAT_VERSION,
  type Artifact,
  type ArtifactMember,
  type StoredArtifact,
} from './schema';
