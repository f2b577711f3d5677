import { resetPasswordCommand, runFromCommandLine } from './lib/user-cli';

// npm run user:reset-password -- --email someone@example.com
await runFromCommandLine(resetPasswordCommand);
