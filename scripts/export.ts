import { exportCommand } from './lib/site-cli';
import { runFromCommandLine } from './lib/user-cli';

// npm run export -- [--out FILE]   (to stdout: npm run -s export > FILE, so npm's own header stays out of it)
await runFromCommandLine(exportCommand);
