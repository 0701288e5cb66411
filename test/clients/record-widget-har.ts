import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startMockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { startRecorder } from '../../src/record/recorder.js';
import { IDX_INCLUDE } from './helpers.js';
import { CHROMIUM_ARGS, recoverySteps, signInSteps, startWidgetPage, widgetResult, widgetUrl } from './widget-page.js';

/**
 * `npx tsx test/clients/record-widget-har.ts [DIR]`: records HARs of the Sign-In Widget against the mock
 * Identity Engine org (scenario idx-recovery) with Playwright's recordHar in Debian's Chromium, the
 * browser's own view of real IDX traffic for import tests. The widget reaches the mock through a
 * :memory: recorder with CORS (the mock sends no CORS headers); the HAR holds the mock's fake secrets.
 */

const dir = process.argv[2] ?? 'test-artifacts/idx-har';
mkdirSync(dir, { recursive: true });
const user = defaultUsers()[0]!;
const flows = { 'widget-signin': (page: any) => signInSteps(page, user), 'widget-recovery': (page: any) => recoverySteps(page, user, 'Fresh-Passw0rd-42!') };

for (const [name, steps] of Object.entries(flows)) {
  const mock = await startMockOkta({ scenario: 'idx-recovery' });
  const recorder = await startRecorder({ db: ':memory:', mode: 'reverse', target: mock.url, host: '127.0.0.1', port: 0, include: IDX_INCLUDE, cors: true });
  const site = await startWidgetPage();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ recordHar: { path: `${dir}/${name}.har`, content: 'embed', urlFilter: `${recorder.url}/**` } });
    const page = await context.newPage();
    await page.goto(widgetUrl(site.url, recorder.url));
    await steps(page);
    const result = await widgetResult(page);
    await context.close();
    process.stdout.write(`${dir}/${name}.har: ${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await site.stop();
    await recorder.stop();
    await mock.stop();
  }
}
