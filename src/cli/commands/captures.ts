import { existsSync } from 'node:fs';
import Table from 'cli-table3';
import { openStore } from '../../store/store.js';
import { type CliCommand } from '../command.js';
import { UsageError } from '../../model/errors.js';

interface Args {
  format: 'table' | 'json';
}

export const capturesCommand: CliCommand<Args> = {
  command: 'captures',
  describe: 'List the captures in the database (imports and recording sessions)',
  builder: (yargs) => yargs.option('format', { choices: ['table', 'json'] as const, default: 'table' as const }),
  async run(args, io) {
    if (args.db !== ':memory:' && !existsSync(args.db)) {
      throw new UsageError(`${args.db}: no database yet; import evidence first (authtrail import FILE)`);
    }
    const store = openStore(args.db);
    try {
      const captures = store.captures();
      if (args.format === 'json') {
        io.out(JSON.stringify(captures, null, 2));
        return 0;
      }
      if (captures.length === 0) {
        io.out(`${args.db}: no capture yet`);
        return 0;
      }
      const table = new Table({ head: ['id', 'source', 'exchanges', 'imported (UTC)', 'file'], style: { head: [], border: [] }, colWidths: [5, 12, 11, 22, FILE_WIDTH + 2], wordWrap: true });
      for (const c of captures) {
        table.push([c.id, c.raw ? `${c.sourceKind} (raw)` : c.sourceKind, c.exchangeCount, c.createdAt.replace('T', ' ').slice(0, 19), fitPath(c.file, FILE_WIDTH)]);
      }
      io.out(table.toString());
      return 0;
    } finally {
      store.close();
    }
  },
};

const FILE_WIDTH = 44;

/** A path that does not fit loses its start, not its file name (`--format json` has it whole). */
export function fitPath(file: string, width: number): string {
  return file.length <= width ? file : `…${file.slice(file.length - width + 1)}`;
}
