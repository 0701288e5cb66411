import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { defaultCaDir } from '../../sources/proxy/ca.js';
import { DEFAULT_INTERCEPT } from '../../sources/proxy/matchers.js';
import { startRecorder, type RecordSummary } from '../../record/recorder.js';
import { INCLUDE_HELP, type CliCommand } from '../command.js';
import { UsageError } from '../../model/errors.js';
import { formatRecordSummary } from '../../render/record-summary.js';

interface Args {
  target?: string;
  mode: 'reverse' | 'forward';
  port: number;
  host: string;
  include?: string[];
  intercept: string;
  'ca-dir': string;
  cors: boolean;
  raw: boolean;
  quiet: boolean;
  durable: boolean;
  'upstream-ca'?: string[];
  resolve?: string[];
}

export const recordCommand: CliCommand<Args> = {
  command: 'record',
  describe: 'Record live Okta traffic (authn, Identity Engine, OAuth) through a proxy into the database (secrets redacted at capture)',
  builder: (yargs) =>
    yargs
      .option('target', { type: 'string', describe: 'reverse mode: the Okta org origin to forward to, e.g. https://dev-123.okta.com' })
      .option('mode', { choices: ['reverse', 'forward'] as const, default: 'reverse' as const, describe: 'reverse: point the app at authtrail; forward: use authtrail as HTTP(S)_PROXY' })
      .option('port', { type: 'number', default: 8080, describe: 'port to listen on' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on' })
      .option('include', { type: 'string', array: true, describe: `${INCLUDE_HELP.replace('to keep', 'to record')}; other traffic is forwarded` })
      .option('intercept', { type: 'string', default: DEFAULT_INTERCEPT, describe: 'forward mode: hosts whose HTTPS is decrypted and recorded (comma-separated globs)' })
      .option('ca-dir', { type: 'string', default: defaultCaDir(), describe: 'forward mode: where the local CA lives (created on first use)' })
      .option('cors', { type: 'boolean', default: false, describe: 'answer browser preflights for a dev app on another origin' })
      .option('raw', { type: 'boolean', default: false, describe: 'store secrets in clear (not recommended)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no line per exchange, only the summary' })
      .option('upstream-ca', { type: 'string', array: true, describe: "CA certificate (PEM file) to trust for the upstream's HTTPS, besides the system's (a test org or a mock behind a private CA)" })
      .option('resolve', { type: 'string', array: true, describe: 'connect to HOST at ADDRESS instead of asking DNS (HOST=ADDRESS, repeatable), as curl --resolve' })
      .option('durable', { type: 'boolean', default: false, describe: 'send each recorded response only once its exchange is in the database (nothing lost if authtrail is killed; slower)' })
      .example('$0 record --target https://dev-123.okta.com', 'point your app at http://127.0.0.1:8080 instead of Okta')
      .example('$0 record --mode forward', 'then run your app with HTTPS_PROXY=http://127.0.0.1:8080 NODE_EXTRA_CA_CERTS=~/.authtrail/ca/authtrail-ca.pem'),
  async run(args, io) {
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new UsageError(`--port ${args.port}: give a port number from 1 to 65535`);
    if (args.mode === 'reverse' && !args.target) throw new UsageError('record needs --target (the Okta org origin, e.g. https://dev-123.okta.com), or --mode forward');
    // Listening before the proxy starts: a Ctrl-C or SIGTERM while it starts (it may already be answering)
    // stops it as one after the banner does, with every exchange written and the summary, not a bare exit.
    const signal = untilSignal(() => io.err('authtrail: stopping: finishing requests in flight and writing the capture...'));
    const recorder = await startRecorder({
      db: args.db,
      mode: args.mode,
      target: args.target,
      host: args.host,
      port: args.port,
      include: args.include,
      intercept: args.intercept,
      caDir: args['ca-dir'],
      cors: args.cors,
      raw: args.raw,
      durable: args.durable,
      ...upstreamOptions(args['upstream-ca'], args.resolve),
      onNotice: (message) => io.err(`authtrail: ${message}`),
      ...(args.quiet ? {} : { onLiveText: (text: string) => io.out(text) }),
    });
    if (args.raw) io.err('authtrail: warning: --raw stores passwords, tokens and answers in clear in the database');
    if (recorder.mode === 'reverse') io.err(`authtrail: recording ${args.target} on ${recorder.url}: point your app at ${recorder.url} instead of the Okta org`);
    else {
      io.err(`authtrail: forward proxy on ${recorder.url}, intercepting ${args.intercept}`);
      io.err(`authtrail: set HTTPS_PROXY=${recorder.url} and trust ${recorder.ca!.certPath}${recorder.ca!.created ? ' (new CA: see `authtrail ca`)' : ''}`);
    }
    io.err(`authtrail: capture ${recorder.captureId} in ${args.db}; Ctrl-C to stop`);
    await signal;
    const summary = await recorder.stop();
    io.out(formatRecordSummary(summary));
    return 0;
  },
};

/** `--upstream-ca` files read and `--resolve HOST=ADDRESS` pairs checked, each failure a usage error naming it. */
function upstreamOptions(caFiles: string[] | undefined, resolve: string[] | undefined): { upstreamCa?: string[]; resolve?: Record<string, string> } {
  const out: { upstreamCa?: string[]; resolve?: Record<string, string> } = {};
  if (caFiles?.length) {
    out.upstreamCa = caFiles.map((file) => {
      let pem: string;
      try {
        pem = readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`--upstream-ca ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); give a PEM certificate file`);
      }
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--upstream-ca ${file}: not a PEM certificate (no BEGIN CERTIFICATE line)`);
      return pem;
    });
  }
  if (resolve?.length) {
    out.resolve = {};
    for (const pair of resolve) {
      const m = /^([^=\s]+)=(\S+)$/.exec(pair);
      if (!m || isIP(m[2]!) === 0) throw new UsageError(`--resolve ${pair}: give HOST=ADDRESS with an IP address, e.g. dev-123.okta.com=127.0.0.1`);
      out.resolve[m[1]!.toLowerCase()] = m[2]!;
    }
  }
  return out;
}

/** Resolves on the first SIGINT or SIGTERM; a second one while stopping ends the process at once. */
function untilSignal(onStop: () => void): Promise<void> {
  return new Promise((resolve) => {
    const first = () => {
      process.off('SIGINT', first);
      process.off('SIGTERM', first);
      process.once('SIGINT', () => process.exit(130));
      onStop();
      resolve();
    };
    process.on('SIGINT', first);
    process.on('SIGTERM', first);
  });
}
