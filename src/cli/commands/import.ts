import type { CliCommand } from '../command.js';
import { type ImportArgs, importFiles, importOptions } from '../imports.js';
import type { InputFormat } from '../../sources/index.js';
import { openStore } from '../../store/store.js';

interface Args extends ImportArgs {
  files: string[];
  format: InputFormat;
}

export const importCommand: CliCommand<Args> = {
  command: 'import <files..>',
  describe: 'Import HAR files, SAML-tracer and Entra Auth Tracer exports, Okta System Log exports, forum transcripts, curl or raw HTTP transcripts into the database',
  builder: (yargs) => importOptions(yargs, 'format'),
  async run(args, io) {
    const store = openStore(args.db);
    try {
      await importFiles(store, args.files, args.format, args, io);
      store.close();
      return 0;
    } catch (error) {
      store.discardIfEmpty();
      throw error;
    }
  },
};
