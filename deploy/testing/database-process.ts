// An embedded Postgres in a process of its own, standing in for the external
// database an image is given: node --import tsx database-process.ts <dataDir>
// Prints `ready <url>` (migrated), stops Postgres on SIGTERM.
import { startDatabase } from '@/lib/db/start-database';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: database-process <dataDir>');
const db = await startDatabase({ url: null, dataDir, migrate: false });
process.stdout.write(`ready ${db.url}\n`);
process.on('SIGTERM', () => void db.stop().then(() => process.exit(0)));
setInterval(() => {}, 60_000);
