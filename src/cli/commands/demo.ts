import { runRecoveryFlow } from '../../../samples/mock-okta/client.js';
import { IDX_RECORD_PATHS, runIdxFlow, type IdxFlowResult } from '../../../samples/mock-okta/idx/client.js';
import { scenarioNames, startMockOkta } from '../../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE, SCENARIOS } from '../../../samples/mock-okta/users.js';
import { renderTable } from '../../render/table.js';
import { startRecorder } from '../../record/recorder.js';
import type { CliCommand } from '../command.js';
import { formatRecordSummary } from '../../render/record-summary.js';
import { terminalWidth } from '../width.js';

interface Args {
  scenario: string;
  save?: string;
  color?: boolean;
}

/**
 * `authtrail demo`: the whole tool in one command. A mock Okta org and a recorder in front of it on free
 * ports, the forum's trusted-app recovery driven through the recorder by a client that follows `_links`,
 * then the audit of what was recorded.
 */
export const demoCommand: CliCommand<Args> = {
  command: 'demo',
  describe: 'Run a mock Okta, record a password-recovery flow through the proxy (--scenario idx-recovery for Identity Engine), and print its audit',
  builder: (yargs) =>
    yargs
      .option('scenario', { choices: scenarioNames(), default: 'devforum', describe: 'how the mock org behaves' })
      .option('save', { type: 'string', describe: 'keep the recorded capture in this database file (default: in memory)' })
      .option('color', { type: 'boolean', describe: 'colour the table (default: on a TTY without NO_COLOR)' }),
  async run(args, io) {
    const scenario = SCENARIOS[args.scenario]!;
    const user = defaultUsers()[0]!;
    const mock = await startMockOkta({ scenario: scenario.name, port: 0 });
    try {
      const recorder = await startRecorder({
        db: args.save ?? ':memory:',
        mode: 'reverse',
        target: mock.url,
        host: '127.0.0.1',
        port: 0,
        onLiveText: (text: string) => io.out(text),
        document: true,
        // Identity Engine scenarios record the IDX and OAuth calls, whatever the default --include holds.
        ...(scenario.idx ? { include: IDX_RECORD_PATHS } : {}),
      });
      io.out(`mock Okta (scenario ${scenario.name}: ${scenario.describe})\n  on ${mock.url}`);
      io.out(`recorder on ${recorder.url} -> ${mock.url}; the client below only talks to the recorder\n`);
      // The forum's weak password where the scenario accepts it; a compliant one where the policy is enforced.
      const newPassword = scenario.enforcePolicy ? 'Fresh-Passw0rd-42!' : 'PWPWPW';
      let flowError: Error | null = null;
      const flow = await (scenario.idx
        ? runIdxFlow(recorder.url, { username: user.login, password: user.password, passcode: PASSCODE, newPassword: 'Fresh-Passw0rd-42!' })
        : runRecoveryFlow(recorder.url, {
            username: user.login,
            answer: user.answer,
            newPassword,
            passCode: PASSCODE,
            apiToken: 'demo-api-token',
            // Each scenario shows what it is named for: a push to reject, a token left to expire.
            factorType: scenario.pushResult === 'SUCCESS' ? 'email' : 'push',
            pauseBeforeResetMs: scenario.tokenTtlSeconds < 10 ? scenario.tokenTtlSeconds * 1000 + 600 : 0,
          })
      ).catch((error: Error) => ((flowError = error), null));
      // The remediations the IDX client was offered, until the tokens (`issue`).
      if (flow && scenario.idx) io.out(`client: ${(flow as IdxFlowResult).remediations.map((r) => r.join('|')).join(' → ')} → ${flow.final}`);
      const summary = await recorder.stop();
      io.out('');
      io.out(renderTable(summary.document!, { color: args.color ?? (io.isTTY && !process.env.NO_COLOR), width: terminalWidth(io) }));
      io.out(formatRecordSummary(summary));
      if (flowError) io.err(`authtrail: the scripted client stopped early: ${(flowError as Error).message}`);
      if (flow && flow.foreignLinks.length > 0) io.err(`authtrail: ${flow.foreignLinks.length} links pointed away from the recorder`);
      return flowError || !flow || flow.foreignLinks.length > 0 ? 1 : 0;
    } finally {
      await mock.stop();
    }
  },
};
