import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { column } from '../../../../src/lib/data/frame/frame';
import { readCsvFrame } from '../../../../src/lib/data/frame/readFrame';
import { isAppError } from '../../../../src/lib/errors';
import { BANK_TRAIN } from '../bankData';

function stream(text: string, chunkSize = 7): Readable {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) parts.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(parts);
}

describe('readCsvFrame', () => {
  it('loads the bank marketing training file: 21 columns, y a yes/no category, 11.2 % positive', async () => {
    const { frame, schema, rejected } = await readCsvFrame(BANK_TRAIN);
    expect(frame.rowCount).toBe(32_950);
    expect(frame.columns).toHaveLength(21);
    expect(rejected).toBe(0);
    const y = column(frame, 'y');
    expect(y?.kind).toBe('categorical');
    if (y?.kind !== 'categorical') return;
    expect([...y.levels].sort()).toEqual(['no', 'yes']);
    const positives = y.codes.filter((c) => y.levels[c] === 'yes').length;
    expect(positives / frame.rowCount).toBeCloseTo(0.112, 3);
    expect(schema.find((c) => c.name === 'age')?.type).toBe('integer');
    expect(schema.find((c) => c.name === 'euribor3m')?.type).toBe('float');
    expect(schema.find((c) => c.name === 'job')?.type).toBe('categorical');
    const age = column(frame, 'age');
    expect(age?.kind === 'numeric' && age.values[0]).toBe(57);
  });

  it('reads chunked streams with quoted delimiters and newlines, missing tokens and datetimes', async () => {
    const csv =
      'id;note;when;score\r\n1;"a;b";2024-01-02;1.5\r\n2;"line\r\nbreak";2024-01-03T10:00:00Z;NA\r\n3;"say ""hi""";2024-02-01;?\r\n';
    const { frame, schema } = await readCsvFrame(stream(csv));
    expect(frame.rowCount).toBe(3);
    expect(schema.map((c) => c.type)).toEqual(['integer', 'categorical', 'datetime', 'float']);
    const note = column(frame, 'note');
    expect(note?.kind === 'categorical' && note.levels).toEqual(['a;b', 'line\r\nbreak', 'say "hi"']);
    const when = column(frame, 'when');
    expect(when?.kind === 'numeric' && [...when.values]).toEqual([
      Date.UTC(2024, 0, 2),
      Date.UTC(2024, 0, 3, 10),
      Date.UTC(2024, 1, 1),
    ]);
    const score = column(frame, 'score');
    expect(score?.kind === 'numeric' && [...score.values]).toEqual([1.5, Number.NaN, Number.NaN]);
    expect(schema[3]?.nullable).toBe(true);
  });

  it('reads against a training schema: level codes kept, unseen levels appended and counted', async () => {
    const train = await readCsvFrame(stream('color,size\nred,1\nblue,2\nred,3\n'));
    const features = train.schema;
    const scored = await readCsvFrame(stream('size,color,extra\n4,green,0\n5,blue,0\nx,red,0\n'), {
      columns: features,
    });
    const color = column(scored.frame, 'color');
    expect(color?.kind === 'categorical' && color.levels).toEqual(['red', 'blue', 'green']);
    expect(color?.kind === 'categorical' && [...color.codes]).toEqual([2, 1, 0]);
    expect(scored.unseen).toEqual({ color: 1 });
    const size = column(scored.frame, 'size');
    expect(size?.kind === 'numeric' && [...size.values]).toEqual([4, 5, Number.NaN]);
    expect(scored.frame.columns.map((c) => c.name)).toEqual(['color', 'size']);
  });

  it('rejects a file lacking a schema column, naming it', async () => {
    const err = await readCsvFrame(stream('a,b\n1,2\n'), {
      columns: [{ name: 'c', type: 'integer', nullable: false }],
    }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('missing_columns');
    expect(isAppError(err) && err.details[0]?.path).toBe('column c');
  });

  it('reads mixed line endings without merging rows or keeping carriage returns', async () => {
    const { frame } = await readCsvFrame(stream('a,y\r\n1,yes\n2,no\r\n3,yes\r\n', 1 << 20));
    const y = column(frame, 'y');
    expect(frame.rowCount).toBe(3);
    expect(y?.kind === 'categorical' && y.levels).toEqual(['yes', 'no']);
  });
});
