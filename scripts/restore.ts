import { restoreCommand, runOnDataDir } from './lib/backup-cli';

// npm run restore -- FILE   (into an empty or new DATA_DIR; never over an existing site)
await runOnDataDir(restoreCommand);
