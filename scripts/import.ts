import { importCommand, terminalProgress } from './lib/site-cli';
import { runFromCommandLine } from './lib/user-cli';

// npm run import -- FILE.txt|FOLDER ...   or   npm run import -- EXPORT.json
const progress = terminalProgress(process.stderr);
await runFromCommandLine((argv, io) => importCommand(argv, { ...io, progress }));
