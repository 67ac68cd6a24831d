import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared bank marketing training file lives next to the repository (../shared/data). */
const candidates = [
  resolve(__dirname, '../../../../shared/data/bankmarketing_train.csv'),
  '/work/shared/data/bankmarketing_train.csv',
];

export const BANK_TRAIN = candidates.find((p) => existsSync(p)) ?? candidates[0]!;
export const hasBankData = existsSync(BANK_TRAIN);
