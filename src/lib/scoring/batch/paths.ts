/** Blob names of one job's results in the scoring-results container. */
export const resultPaths = {
  prefix: (jobId: string) => `${jobId}/`,
  prediction: (jobId: string, input: string) => `${jobId}/predictions/${input}`,
  rejects: (jobId: string) => `${jobId}/rejects.csv`,
  summaryCsv: (jobId: string) => `${jobId}/summary.csv`,
  histogram: (jobId: string) => `${jobId}/probability-histogram.svg`,
  /** Written last: the job is complete exactly when this exists. */
  summary: (jobId: string) => `${jobId}/summary.json`,
} as const;

export function batchStatusUrl(jobId: string): string {
  return `/api/batch/${jobId}`;
}
