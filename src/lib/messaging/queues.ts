/** Service Bus queues of the pipeline (design.md). */
export const queues = {
  train: 'automl-train',
  deploy: 'automl-deploy',
  batch: 'automl-batch',
} as const;

export type QueueName = (typeof queues)[keyof typeof queues];
