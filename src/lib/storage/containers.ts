/** The storage layout (docs/architecture.md, "Contracts"): one account, these containers. */
export const containers = {
  datasets: 'datasets',
  registry: 'registry',
  scoringInputs: 'scoring-inputs',
  scoringResults: 'scoring-results',
  quarantine: 'quarantine',
} as const;

export type ContainerName = (typeof containers)[keyof typeof containers];

export const allContainers: readonly ContainerName[] = Object.values(containers);
