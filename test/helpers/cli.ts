import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process, capturing what it prints. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

export async function analyzeJson(...argv: string[]) {
  const run = await runCli('analyze', '--format', 'json', ...argv);
  if (run.code > 1) throw new Error(`analyze failed (${run.code}): ${run.stderr}`);
  return { ...run, json: JSON.parse(run.stdout) };
}
