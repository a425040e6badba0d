// npm start: runs the built server (dist/node/main.js), building it first when it is missing or older than a source file.
import process from 'node:process';
import { MAIN, ensureBuilt } from './ensure-built.js';

await ensureBuilt();
process.setSourceMapsEnabled(true);
await import(MAIN);
