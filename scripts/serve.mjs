// @ts-check
// `npm run serve`: the built site, without the install, migrate, seed and build steps `npm start` adds.
import path from 'node:path';
import { runServer } from './lib/run-server.mjs';

runServer(path.resolve(import.meta.dirname, '..'), process.env);
