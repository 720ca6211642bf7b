// Test fixture run as a separate process: starts (or attaches to) the embedded
// Postgres of the data directory given as argv[2], prints one JSON line
// { url, postmasterPid }, then stays up until killed.
import { startDatabase } from '../start-database';
import { readPostmasterPid } from '../postgres-process';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-database <dataDir>');
const db = await startDatabase({ url: null, dataDir });
process.stdout.write(
  JSON.stringify({ url: db.url, postmasterPid: readPostmasterPid(dataDir)?.pid }) + '\n',
);
setInterval(() => {}, 60_000);
