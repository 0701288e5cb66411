/** Seeded mutations of evidence files: the same seed gives the same cases, so a failure can be replayed. */
export type Rng = () => number;

/** mulberry32: small, fast and good enough to pick mutations. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const at = (r: Rng, n: number) => Math.floor(r() * Math.max(n, 1));

const lines = (b: Buffer) => b.toString('latin1').split('\n');
const join = (l: string[]) => Buffer.from(l.join('\n'), 'latin1');

/** Each mutation named, for the case's label. */
export const MUTATIONS: Record<string, (b: Buffer, r: Rng) => Buffer> = {
  truncate: (b, r) => b.subarray(0, at(r, b.length)),
  flipBytes: (b, r) => {
    const out = Buffer.from(b);
    for (let i = 0, n = 1 + at(r, 8); i < n; i++) out[at(r, out.length)] ^= 1 << at(r, 8);
    return out;
  },
  deleteLine: (b, r) => {
    const l = lines(b);
    l.splice(at(r, l.length), 1 + at(r, 3));
    return join(l);
  },
  duplicateLine: (b, r) => {
    const l = lines(b);
    const i = at(r, l.length);
    l.splice(i, 0, ...l.slice(i, i + 1 + at(r, 5)));
    return join(l);
  },
  deepNesting: (b, r) => {
    const n = 5_000 + at(r, 60_000);
    const text = b.toString('latin1');
    const i = text.indexOf('{', at(r, text.length));
    const deep = r() < 0.5 ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    return i < 0 ? Buffer.from(text + deep, 'latin1') : Buffer.from(`${text.slice(0, i)}${deep.slice(0, -1)},${text.slice(i + 1)}`, 'latin1');
  },
  // Deep JSON held escaped in a string value (a log's field, a HAR text holding text): every quote is escaped.
  escapedNesting: (b, r) => {
    const n = 5_000 + at(r, 60_000);
    const text = b.toString('latin1');
    const i = text.indexOf('{', at(r, text.length));
    const deep = JSON.stringify(r() < 0.5 ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n));
    return i < 0 ? Buffer.from(`${text}{"context":${deep}}`, 'latin1') : Buffer.from(`${text.slice(0, i)}{"context":${deep},${text.slice(i + 1)}`, 'latin1');
  },
  hugeLine: (b, r) => {
    const l = lines(b);
    l.splice(at(r, l.length), 0, pick(r, ['x', '"', '{', 'a=', '-H ', '%']).repeat(100_000 + at(r, 900_000)));
    return join(l);
  },
  invalidUtf8: (b, r) => {
    const i = at(r, b.length);
    return Buffer.concat([b.subarray(0, i), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), b.subarray(i)]);
  },
  bom: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  nul: (b, r) => {
    const i = at(r, b.length);
    return Buffer.concat([b.subarray(0, i), Buffer.from([0]), b.subarray(i)]);
  },
  oddHeaderNames: (b, r) => {
    const name = pick(r, ['constructor', '__proto__', 'toString', 'hasOwnProperty', '', ':authority', 'X-\u00e9', 'a b', 'valueOf']);
    const text = b.toString('latin1');
    return Buffer.from(text.replace(/("name"\s*:\s*")[^"]*(")|^([A-Za-z-]+)(: )/m, (m, a, z, h, sep) => (a ? `${a}${name}${z}` : `${name}${sep}`)), 'latin1');
  },
  numericValues: (b) => Buffer.from(b.toString('latin1').replace(/("value"\s*:\s*)"[^"]*"/, '$1 12345'), 'latin1'),
};

const HUGE = new Set(['hugeLine', 'deepNesting', 'escapedNesting']);

/** `count` cases from the seed files: each one to three mutations deep. */
export function* cases(seeds: { name: string; bytes: Buffer }[], count: number, seed: number): Generator<{ label: string; bytes: Buffer; ext: string }> {
  const r = rng(seed);
  const names = Object.keys(MUTATIONS);
  for (let i = 0; i < count; i++) {
    const base = seeds[i % seeds.length];
    let bytes = base.bytes;
    const applied: string[] = [];
    for (let k = 0, n = 1 + at(r, 3); k < n; k++) {
      const m = pick(r, names);
      // Several huge mutations on one case only make it slow, not more interesting.
      if (HUGE.has(m) && applied.some((a) => HUGE.has(a))) continue;
      bytes = MUTATIONS[m](bytes, r);
      applied.push(m);
    }
    yield { label: `#${i} ${base.name} ${applied.join('+')}`, bytes, ext: base.name.slice(base.name.lastIndexOf('.')) };
  }
}
