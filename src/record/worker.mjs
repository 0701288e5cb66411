// Loads the TypeScript recording worker through tsx, as bin/authtrail.js loads the CLI without a build.
// The compiled build (dist/) starts dist/src/record/worker.js directly: see WORKER in recorder.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
