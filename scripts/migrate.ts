import { openDatabase } from '@/db/client';
import { databaseFile } from '@/lib/config';

// Opening the database applies any migrations it has not had yet.
openDatabase().$client.close();
console.log(`Database is up to date: ${databaseFile()}`);
