import { appendFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scenarioNames, startMockOkta } from './server.js';
import { PASSCODE, SCENARIOS, defaultUsers } from './users.js';

/** `npx tsx samples/mock-okta/main.ts --scenario devforum --port 9000`: runs the mock org until Ctrl-C. */

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'devforum' },
    port: { type: 'string', default: '9000' },
    host: { type: 'string', default: '127.0.0.1' },
    'public-origin': { type: 'string' },
    'system-log': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write('usage: npx tsx samples/mock-okta/main.ts [--scenario NAME] [--port 9000] [--host 127.0.0.1] [--public-origin URL] [--system-log FILE]\n\nscenarios:\n');
  for (const s of Object.values(SCENARIOS)) process.stdout.write(`  ${s.name.padEnd(14)} ${s.describe}\n`);
  process.exit(0);
}
if (!SCENARIOS[values.scenario!]) {
  process.stderr.write(`mock-okta: unknown scenario ${values.scenario}: choose one of ${scenarioNames().join(', ')}\n`);
  process.exit(2);
}
// One event per line as the org logs them, like Okta's log streaming: the file is whole after any Ctrl-C.
const systemLog = values['system-log'];
if (systemLog) writeFileSync(systemLog, '', { mode: 0o600 });
try {
  const mock = await startMockOkta({
    ...(systemLog ? { onSystemLog: (event: Record<string, unknown>) => appendFileSync(systemLog, `${JSON.stringify(event)}\n`) } : {}),
    scenario: values.scenario,
    port: Number(values.port),
    host: values.host,
    ...(values['public-origin'] ? { publicOrigin: values['public-origin'] } : {}),
  });
  const user = defaultUsers()[0]!;
  process.stdout.write(
    `mock Okta (${values.scenario}) on ${mock.url}\n` +
      `user ${user.login} / ${user.password}, recovery answer "${user.answer}", any factor code ${PASSCODE}, SSWS: any token\n`,
  );
  const stop = () => void mock.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const err = error as NodeJS.ErrnoException;
  process.stderr.write(`mock-okta: ${err.code === 'EADDRINUSE' ? `port ${values.port} is in use: choose another with --port` : err.message}\n`);
  process.exit(2);
}
