import { existsSync, readFileSync } from 'node:fs';
import { EXPORTERS } from '../../render/index.js';
import { checkOutputFile, writeChunksAtomically } from '../../sanitize/output.js';
import { openStore } from '../../store/store.js';
import { type CliCommand } from '../command.js';
import { UsageError } from '../../model/errors.js';

interface Args {
  format: 'har';
  capture?: number;
  output: string;
}

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Exporters by name: adding a format is one entry here and one renderer. */

export const exportCommand: CliCommand<Args> = {
  command: 'export <format>',
  describe: 'Write a capture as a file other tools read (HAR 1.2), redacted unless it was captured --raw',
  builder: (yargs) =>
    yargs
      .positional('format', { choices: Object.keys(EXPORTERS), describe: 'file format' })
      .option('capture', { type: 'number', describe: 'capture id (default: the latest)' })
      .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'file to write (mode 0600)' })
      .example('$0 export har --capture 3 -o login-redacted.har', 'share capture 3 with support'),
  async run(args, io) {
    if (args.db !== ':memory:' && !existsSync(args.db)) {
      throw new UsageError(`${args.db}: no database yet; import or record a capture first`);
    }
    checkOutputFile(args.output);
    const store = openStore(args.db);
    try {
      const captures = store.captures();
      const capture = args.capture === undefined ? captures.at(-1) : captures.find((c) => c.id === args.capture);
      if (!capture) {
        const known = captures.map((c) => c.id).join(', ') || 'none';
        const which = args.capture === undefined ? 'capture' : `capture ${args.capture}`;
        throw new UsageError(`${args.db}: no ${which} to export (captures: ${known}); import or record one first`);
      }
      const chunks = EXPORTERS[args.format](capture, store.exchanges([capture.id]), { name: 'authtrail', version: pkg.version });
      const bytes = await writeChunksAtomically(args.output, chunks);
      if (capture.raw) io.err(`authtrail: warning: capture ${capture.id} was recorded with --raw: ${args.output} holds secrets in clear`);
      io.err(`capture ${capture.id}: ${capture.exchangeCount} exchanges written to ${args.output} (${bytes} bytes, ${capture.raw ? 'raw' : 'redacted'})`);
      return 0;
    } finally {
      store.close();
    }
  },
};
