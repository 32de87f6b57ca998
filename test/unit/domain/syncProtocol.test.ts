import { describe, expect, it } from 'vitest';
import {
  MAX_SUBTRANSACTIONS_PER_PUSH,
  pushablePrefix,
  type MutationOp,
} from '@/domain/syncProtocol';

const ops = (...list: [MutationOp, number][]) =>
  list.flatMap(([op, n]) => Array.from({ length: n }, () => ({ op })));

describe('pushablePrefix', () => {
  it('keeps a whole batch of inserts, however long: they share one subtransaction', () => {
    expect(pushablePrefix(ops(['insert', 200]))).toHaveLength(200);
  });

  it('cuts a batch before its 61st patch or delete, keeping outbox order', () => {
    const batch = ops(['insert', 10], ['patch', 40], ['delete', 30], ['insert', 5]);
    const prefix = pushablePrefix(batch);
    expect(prefix).toHaveLength(10 + MAX_SUBTRANSACTIONS_PER_PUSH);
    expect(prefix).toEqual(batch.slice(0, prefix.length));
    expect(prefix.filter((m) => m.op !== 'insert')).toHaveLength(MAX_SUBTRANSACTIONS_PER_PUSH);
  });

  it('never returns an empty batch when there is something to send', () => {
    expect(pushablePrefix(ops(['patch', 3]), 0)).toHaveLength(1);
    expect(pushablePrefix([])).toEqual([]);
  });
});
