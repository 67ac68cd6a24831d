import { resolve } from 'node:path';

/** The bank marketing training file bundled with the repository (data/, CC BY 4.0). */
export const BANK_TRAIN = resolve(__dirname, '../../../data/bankmarketing_train.csv');
