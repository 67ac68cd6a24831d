/** Service Bus queues of the pipeline (docs/architecture.md, "Contracts"). */
export const queues = {
  train: 'automl-train',
  deploy: 'automl-deploy',
  batch: 'automl-batch',
} as const;

export type QueueName = (typeof queues)[keyof typeof queues];
