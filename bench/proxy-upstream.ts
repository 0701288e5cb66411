import { startMockOkta } from '../samples/mock-okta/server.js';

/** The mock Okta upstream of bench/proxy.ts, in its own process. Prints its URL once listening. */
const mock = await startMockOkta({ scenario: 'clean', port: Number(process.argv[2] ?? 0) });
process.stdout.write(`${mock.url}\n`);
process.on('SIGTERM', () => void mock.stop().then(() => process.exit(0)));
