import { type Artifact, artifactHash, serializeArtifact } from '../../src/lib/automl/artifact';

/**
 * The artifact as the build before format 2 wrote it: no nullability, no example, version 1, rehashed. The
 * rest of the format did not change, so this is byte for byte what that build stored for the same model.
 */
export function v1ArtifactText(artifact: Artifact): string {
  const { sha256: _hash, example: _example, ...rest } = artifact;
  const body = {
    ...rest,
    formatVersion: 1 as const,
    inputSchema: rest.inputSchema.map(({ nullable: _nullable, ...column }) => column),
  };
  return serializeArtifact({ ...body, sha256: artifactHash(body) } as unknown as Artifact);
}
