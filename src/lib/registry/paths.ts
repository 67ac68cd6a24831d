/** Blob names inside the `registry` container (docs/architecture.md, "Contracts"). One lineage per dataset name. */
export const registryPaths = {
  datasetPrefix: (dataset: string) => `datasets/${dataset}/`,
  datasetVersion: (dataset: string, version: number) => `datasets/${dataset}/v${version}/version.json`,
  datasetFile: (dataset: string, version: number, file: string) => `datasets/${dataset}/v${version}/${file}`,
  datasetClaim: (dataset: string, sha256: string) => `datasets/${dataset}/hashes/${sha256}.json`,
  modelVersion: (dataset: string, version: number) => `models/${dataset}/v${version}/model.json`,
  modelFile: (dataset: string, version: number, file: string) => `models/${dataset}/v${version}/${file}`,
  modelClaim: (dataset: string, runId: string) => `models/${dataset}/runs/${runId}.json`,
  deploymentPrefix: 'deployments/',
  deployment: (dataset: string) => `deployments/${dataset}.json`,
  run: (runId: string) => `runs/${runId}.json`,
  activeRun: (dataset: string) => `runs/active/${dataset}.json`,
  batchJob: (jobId: string) => `batch/${jobId}.json`,
} as const;

/** `…/v12/version.json` → 12; undefined for any other name. */
export function versionOf(blobName: string, file: string): number | undefined {
  const match = new RegExp(`/v(\\d+)/${file.replace('.', '\\.')}$`).exec(blobName);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
