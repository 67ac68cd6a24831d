import { describe, expect, it } from 'vitest';
import {
  admit,
  decodeMessage,
  encodeForDelivery,
  lockTokenToTag,
  sequenceNumber,
  uuidString,
} from '../../../src/local/servicebus/codec';

describe('servicebus codec', () => {
  it('puts lock tokens in delivery tags in .NET GUID byte order', () => {
    const tag = lockTokenToTag('00112233-4455-6677-8899-aabbccddeeff');
    expect(tag.toString('hex')).toBe('33221100554477668899aabbccddeeff');
    expect(uuidString(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))).toBe(
      '00112233-4455-6677-8899-aabbccddeeff',
    );
  });

  it('reads sequence numbers encoded as numbers or 8-byte longs', () => {
    const long = Buffer.alloc(8);
    long.writeBigInt64BE(2n ** 40n);
    expect(sequenceNumber(long)).toBe(2 ** 40);
    expect(sequenceNumber(7)).toBe(7);
    expect(sequenceNumber('7')).toBeUndefined();
  });

  it('strips broker annotations, assigns a message id and stamps deliveries', () => {
    const { message, bytes: stored } = admit({
      body: 'hi',
      application_properties: { a: 1 },
      message_annotations: { 'x-opt-sequence-number': 99, 'x-opt-partition-key': 'p' },
    });
    expect(typeof message.message_id).toBe('string');
    expect(message.message_annotations).toEqual({ 'x-opt-partition-key': 'p' });
    const bytes = encodeForDelivery(message, stored, {
      sequenceNumber: 5,
      enqueuedAt: 1_700_000_000_000,
      deliveryCount: 2,
      lockedUntil: 1_700_000_060_000,
      state: 0,
    });
    const delivered = decodeMessage(bytes);
    expect(delivered.body).toBe('hi');
    expect(delivered.delivery_count).toBe(2);
    expect(delivered.application_properties).toEqual({ a: 1 });
    expect(delivered.message_id).toBe(message.message_id);
    const annotations = delivered.message_annotations ?? {};
    expect(annotations['x-opt-sequence-number']).toBe(5);
    expect(annotations['x-opt-partition-key']).toBe('p');
    expect(annotations['x-opt-locked-until']).toEqual(new Date(1_700_000_060_000));
  });
});
