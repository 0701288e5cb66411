import { describe, expect, it } from 'vitest';
import type { Exchange, RawExchange } from '../../src/model/exchange.js';
import { openStore } from '../../src/store/store.js';
import { generateFlows } from '../../bench/flows.js';
import { ingestRaw, join, post, tempDir } from '../helpers/flow.js';

/**
 * Store.groups: every capture's groups in the order of their first row, each group's rows in seq order, also
 * when groups interleave and one stays open across the capture; and one snapshot while a writer appends.
 */

/** The order groups() promises, from the plain listing: by capture, groups by first appearance, rows by seq. */
function expectedGroups(rows: Exchange[]): number[][] {
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.captureId}\u0000${row.group}`;
    const group = byKey.get(key) ?? [];
    if (group.length === 0) byKey.set(key, group);
    group.push(row.id);
  }
  return [...byKey.values()];
}

const ids = (groups: Iterable<Exchange[]>) => [...groups].map((g) => g.map((e) => e.id));

async function fixture(path: string) {
  const store = openStore(path);
  // Seven groups rotating, and a group whose rows come first, in the middle and last: open the whole capture.
  const flows = [...generateFlows(40, 2, 7)];
  const long = (n: number): RawExchange => ({ ...post('/api/v1/authn', { username: `long${n}@example.org` }, 401, { errorCode: 'E0000004' }), group: 'long' });
  const first = await ingestRaw(store, [long(1), ...flows.slice(0, 60), long(2), ...flows.slice(60), long(3)], 'har');
  const second = await ingestRaw(store, [...generateFlows(10, 1, 3, 40)], 'har');
  return { store, first, second };
}

describe('Store.groups', () => {
  it('hands out each group whole, in first-appearance order', async () => {
    const { store, first, second } = await fixture(join(tempDir(), 'groups.db'));
    try {
      const expected = expectedGroups(store.exchanges());
      expect(expected.length).toBe(8 + 3);
      expect(expected[0]!.length).toBe(3);
      expect(ids(store.groups([second, first]))).toEqual(expected);
    } finally {
      store.close();
    }
  });

  it('reads one snapshot: rows another connection writes meanwhile are not mixed in', async () => {
    const path = join(tempDir(), 'snapshot.db');
    const store = openStore(path);
    const ex = (group: string, n: number): RawExchange => ({ ...post('/api/v1/authn', { username: `${group}${n}@example.org` }, 401, { errorCode: 'E0000004' }), group });
    // a and b close early; `long` opens next and stays open while the c rows go by.
    const first = await ingestRaw(store, [ex('a', 1), ex('a', 2), ex('b', 1), ex('b', 2), ex('long', 1), ...[1, 2, 3, 4, 5, 6].map((n) => ex('c', n)), ex('long', 2)], 'har');
    const writer = openStore(path);
    try {
      for (const round of [1, 2]) {
        const before = ids(store.groups([first]));
        const iterator = store.groups([first]);
        const got = [(iterator.next().value as Exchange[]).map((e) => e.id)];
        // After the first group: append to the open group and add one; the rest of the read must not see them.
        const template = writer.exchanges([first])[0]!;
        writer.insertExchange(first, { ...template, seq: 10_000 + 2 * round, group: 'long' });
        writer.insertExchange(first, { ...template, seq: 10_001 + 2 * round, group: `late${round}` });
        for (let step = iterator.next(); !step.done; step = iterator.next()) got.push(step.value.map((e) => e.id));
        expect(got).toEqual(before);
        // Read again, the appended rows are there: the long group grew and a group came last.
        const after = ids(store.groups([first]));
        expect(after).toHaveLength(before.length + 1);
        expect(after[2]!.length).toBe(before[2]!.length + 1);
      }
    } finally {
      writer.close();
      store.close();
    }
  });
});
