// A Helmdeck worker in a process of its own, so a test can kill it with
// SIGKILL mid-operation: node worker-process.ts <databaseUrl> <helmdeck.yaml> <kubeconfig>
import { loadConfig } from '@/lib/config';
import { setDatabaseUrl } from '@/lib/db';
import { configureOperations } from '../runtime';
import { startWorker } from '../worker';

const [url, configPath, kubeconfig] = process.argv.slice(2);
if (!url || !configPath || !kubeconfig) {
  console.error('usage: worker-process <databaseUrl> <helmdeck.yaml> <kubeconfig>');
  process.exit(2);
}
await setDatabaseUrl(url);
configureOperations({ config: loadConfig(configPath), kubeconfig });
const worker = await startWorker({ concurrency: 1, reconcile: false });
process.stdout.write(`ready ${worker.id}\n`);
process.on('SIGTERM', () => {
  void worker.stop().then(() => process.exit(0));
});
