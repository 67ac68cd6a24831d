/** The one rule for dataset names: they appear in blob paths, routes, queue messages and run ids. */
export const DATASET_NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const DATASET_NAME_RULE = '2–63 lowercase letters, digits and dashes, starting with a letter or digit';
