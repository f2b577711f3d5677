import { createUserCommand, runFromCommandLine } from './lib/user-cli';

// npm run user:create -- --email someone@example.com --role admin|editor|writer [--name "Full Name"] [--password-stdin]
await runFromCommandLine(createUserCommand);
