import { existsSync } from 'node:fs';
import { analyze } from '../../analyze/index.js';
import { isSeverity, atLeast, SEVERITIES, type Severity } from '../../model/severity.js';
import { RENDERERS } from '../../render/index.js';
import { toJson } from '../../render/json.js';
import type { InputFormat } from '../../sources/index.js';
import { openStore } from '../../store/store.js';
import { type CliCommand, UsageError } from '../command.js';
import { type ImportArgs, importFiles, importOptions } from '../imports.js';

interface Args extends ImportArgs {
  files: string[];
  format: string;
  'input-format': InputFormat;
  'fail-on'?: Severity;
  capture?: number[];
  tz?: string;
  color?: boolean;
}

export const analyzeCommand: CliCommand<Args> = {
  command: 'analyze [files..]',
  describe: 'Rebuild transactions and report anomalies, from files (imported first) or from the database',
  builder: (yargs) =>
    importOptions(yargs, 'input-format')
      .option('format', { alias: 'f', choices: Object.keys(RENDERERS), default: 'table', describe: 'output format' })
      .option('fail-on', { choices: SEVERITIES, describe: 'exit 1 when a finding at or above this severity exists' })
      .option('capture', { type: 'number', array: true, describe: 'analyze only these captures (default: all, or the files given)' })
      .option('tz', { type: 'string', describe: 'time zone for times shown (default UTC)' })
      .option('color', { type: 'boolean', describe: 'colour the table (default: on a TTY without NO_COLOR)' })
      .example('$0 analyze thread.md', 'import a pasted transcript and print its audit')
      .example('$0 analyze --db :memory: login.har --format json', 'analyze without keeping anything'),
  async run(args, io) {
    if (args['fail-on'] !== undefined && !isSeverity(args['fail-on'])) throw new UsageError(`--fail-on takes one of ${SEVERITIES.join(', ')}`);
    const files = args.files ?? [];
    if (files.length === 0 && args.db !== ':memory:' && !existsSync(args.db)) {
      throw new UsageError(`${args.db}: no database yet; import evidence first (authtrail import FILE) or name files to analyze`);
    }
    const store = openStore(args.db);
    let ids: number[] | undefined;
    try {
      ids = files.length ? await importFiles(store, files, args['input-format'], args, io) : args.capture;
    } catch (error) {
      store.discardIfEmpty();
      throw error;
    }
    try {
      if (files.length && args.capture) ids = ids!.filter((id) => args.capture!.includes(id));
      const captures = store.captures(ids);
      if (ids) {
        const missing = ids.filter((id) => !captures.some((c) => c.id === id));
        if (missing.length) throw new UsageError(`${args.db}: no capture ${missing.join(', ')}; authtrail analyze --format json lists the captures`);
      }
      const result = analyze(store.exchanges(captures.map((c) => c.id)), captures);
      const analysis = toJson(result);
      const color = args.color ?? (io.isTTY && !process.env.NO_COLOR);
      io.out(RENDERERS[args.format](analysis, { tz: args.tz, color }));
      const threshold = args['fail-on'];
      return threshold && analysis.findings.some((f) => atLeast(f.severity, threshold)) ? 1 : 0;
    } finally {
      store.close();
    }
  },
};
