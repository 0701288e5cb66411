// Loads the TypeScript analysis worker through tsx, as bin/authtrail.js loads the CLI without a build.
// The compiled build (dist/) starts dist/src/analyze/worker.js directly: see WORKER in parallel.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
