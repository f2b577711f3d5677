import { backupCommand, runOnDataDir } from './lib/backup-cli';

// npm run backup -- FILE   (safe while the site runs; restore with npm run restore -- FILE)
await runOnDataDir(backupCommand);
