import readline from 'node:readline';
import { openDb } from '@/lib/server/db/connect';

/**
 * A child process for migrate-race.test.ts: loads the server's database code, says "ready",
 * and on "go" (stdin) opens (and so migrates) the database in argv, printing "ok" or the error.
 * The go line lets several processes start their migrations within a millisecond of each other.
 */
const [target] = process.argv.slice(2);
const options = target.startsWith('postgres') ? { databaseUrl: target } : { sqlitePath: target };
process.stdout.write('ready\n');
readline.createInterface({ input: process.stdin }).once('line', () => {
  openDb(options).then(
    async (db) => {
      await db.close();
      process.stdout.write('ok\n');
    },
    (err: unknown) => process.stdout.write(`error: ${err instanceof Error ? err.message : String(err)}\n`),
  );
});
