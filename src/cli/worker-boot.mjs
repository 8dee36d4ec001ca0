// A worker thread does not inherit the tsx loader that runs the CLI: register it here, then
// load the TypeScript worker (`npm run race` needs no build step, nor do its workers).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
