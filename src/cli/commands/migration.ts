import { MIGRATION_INCLUDE, migrationReport } from '../../analyze/migration.js';
import { renderMigrationJson, renderMigrationMarkdown, renderMigrationText } from '../../render/migration.js';
import type { CliCommand } from '../command.js';
import { type EvidenceArgs, evidenceOptions, withEvidence } from '../evidence.js';

interface Args extends EvidenceArgs {
  format: 'table' | 'markdown' | 'json';
}

const RENDER = { table: renderMigrationText, markdown: renderMigrationMarkdown, json: renderMigrationJson };

export const migrationCommand: CliCommand<Args> = {
  command: 'migration [files..]',
  describe: 'List every Classic API call in the evidence, what Okta documents about it on Identity Engine, and the call that replaces it',
  builder: (yargs) =>
    evidenceOptions(yargs)
      .option('format', { alias: 'f', choices: ['table', 'markdown', 'json'] as const, default: 'table' as const, describe: 'output format' })
      .example('$0 migration login.har', 'which Classic calls this app makes, and what replaces each'),
  async run(args, io) {
    // Sessions, sessionCookieRedirect and the Factors API are outside analyze's default include: read them too.
    const include = args.include ?? MIGRATION_INCLUDE;
    return withEvidence({ ...args, include }, io, ({ exchanges }) => {
      io.out(RENDER[args.format]({ exchanges: exchanges.length, items: migrationReport(exchanges) }));
      return 0;
    });
  },
};
