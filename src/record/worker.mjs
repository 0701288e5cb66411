// Loads the TypeScript recording worker through tsx, as bin/authtrail.js loads the CLI: no build step.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
