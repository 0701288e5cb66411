/**
 * Parts of bench:proxy beside the throughput rounds: latency of one request at a time (what a user of a
 * browser behind the recorder feels) and mitmdump, when it is installed, as the outside anchor.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

export interface Latency {
  p50: number;
  p99: number;
  n: number;
}

function once(agent: Agent, url: string, body: string): Promise<number> {
  const t = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/authn`, { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(Number(process.hrtime.bigint() - t) / 1e6));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** `count` sequential requests per path on one keep-alive connection each, alternating paths every 50 requests. */
export async function sequential(urls: Record<string, string>, count: number, body: string): Promise<Record<string, Latency>> {
  const agents = Object.fromEntries(Object.keys(urls).map((k) => [k, new Agent({ keepAlive: true, maxSockets: 1 })]));
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(urls).map((k) => [k, []]));
  for (let done = 0; done < count; done += 50) {
    for (const [name, url] of Object.entries(urls)) {
      for (let i = 0; i < Math.min(50, count - done); i++) times[name]!.push(await once(agents[name]!, url, body));
    }
  }
  for (const agent of Object.values(agents)) agent.destroy();
  const out: Record<string, Latency> = {};
  for (const [name, list] of Object.entries(times)) {
    const sorted = [...list].sort((a, b) => a - b);
    out[name] = { p50: Math.round(pct(sorted, 0.5) * 100) / 100, p99: Math.round(pct(sorted, 0.99) * 100) / 100, n: sorted.length };
  }
  return out;
}

/** mitmdump in reverse mode in front of `target`, when it is on the PATH; null otherwise. */
export async function startMitmdump(target: string, port: number): Promise<ChildProcess | null> {
  if (spawnSync('sh', ['-c', 'command -v mitmdump']).status !== 0) return null;
  const child = spawn('mitmdump', ['--mode', `reverse:${target}`, '--listen-host', '127.0.0.1', '-p', String(port), '-q'], { stdio: 'ignore' });
  // mitmdump prints nothing with -q: wait until the port answers.
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const up = await once(new Agent(), `http://127.0.0.1:${port}`, '{}').then(() => true, () => false);
    if (up) return child;
  }
  child.kill('SIGTERM');
  throw new Error('mitmdump did not start within 20 s');
}

const TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** CPU time (user + system, ms) a process has used, all threads and its main thread alone; null without /proc. */
export function cpuTime(pid: number): { total: number; main: number } | null {
  const read = (path: string) => {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  };
  try {
    return { total: read(`/proc/${pid}/stat`), main: read(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return null;
  }
}
