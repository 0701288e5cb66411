import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { openStore } from '../../src/store/store.js';
import { authtrail } from './child.js';
import { closedPort, mockAndDbEach, request } from './helpers.js';

/**
 * The recording worker runs below the traffic's priority (Linux nice 19, src/record/worker.ts): the proxy
 * thread and the process's other threads keep theirs, the worker still records everything, and --durable
 * (where each response waits for the worker's commit) leaves every thread as it was.
 */

const user = defaultUsers()[0]!;

/** Nice level of each thread of a process, by thread id (/proc/<pid>/task/<tid>/stat, field 19). */
function threadNice(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[19 - 3]));
  }
  return out;
}

const login = async (url: string) =>
  (await request(`${url}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.login, password: user.password }) })).status;

describe.runIf(process.platform === 'linux')('the recording worker yields to the traffic', { timeout: 60_000 }, () => {
  const env = mockAndDbEach('clean');

  async function record(...flags: string[]) {
    // The CLI process opens the database itself.
    env.db.store.close();
    const port = await closedPort();
    const child = authtrail('record', '--target', env.mock.url, '--port', String(port), '--db', env.db.path, '--quiet', ...flags);
    await child.waitFor(/Ctrl-C to stop/);
    const nice = threadNice(child.pid);
    for (let i = 0; i < 3; i++) expect(await login(`http://127.0.0.1:${port}`)).toBe(200);
    child.kill('SIGINT');
    expect(await child.exit).toBe(0);
    const store = openStore(env.db.path);
    try {
      return { nice, pid: child.pid, stored: store.exchanges().length };
    } finally {
      store.close();
    }
  }

  it("by default: one thread at nice 19, the proxy thread at the process's own, and every exchange recorded", async () => {
    const { nice, pid, stored } = await record();
    // Relative to the priority the recorder was started with (a CI runner may itself run niced).
    const base = nice.get(pid)!;
    const lowered = [...nice.values()].filter((n) => n !== base);
    expect(base).toBeLessThan(19);
    expect(lowered).toEqual([19]);
    expect(stored).toBe(3);
  });

  it('with --durable: every thread keeps the process priority', async () => {
    const { nice, pid, stored } = await record('--durable');
    expect([...nice.values()].every((n) => n === nice.get(pid))).toBe(true);
    expect(nice.size).toBeGreaterThan(1);
    expect(stored).toBe(3);
  });
});
