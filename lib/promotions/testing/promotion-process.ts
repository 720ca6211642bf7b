// A Helmdeck process that runs promotions, for the kill -9 tests: an
// operations worker, the promotions that were running (as a start-up does)
// and, when given, one more promotion by id. Its own process group, so
// SIGKILL takes helm with it.
//   node promotion-process.ts <databaseUrl> <helmdeck.yaml> <kubeconfig> [promotionId]
import { loadConfig } from '@/lib/config';
import { setDatabaseUrl } from '@/lib/db';
import { configureOperations } from '@/lib/operations';
import { startWorker } from '@/lib/operations/worker';
import { resumePromotions, runPromotion } from '../run-promotion';

const [url, configPath, kubeconfig, id] = process.argv.slice(2);
if (!url || !configPath || !kubeconfig) {
  console.error(
    'usage: promotion-process <databaseUrl> <helmdeck.yaml> <kubeconfig> [promotionId]',
  );
  process.exit(2);
}
await setDatabaseUrl(url);
configureOperations({ config: loadConfig(configPath), kubeconfig });
// Settles what a killed process left (reconcile) before anything runs.
const worker = await startWorker({ concurrency: 2 });
const resumed = await resumePromotions({ watchIntervalMs: 250 });
if (id) void runPromotion(Number(id), { watchIntervalMs: 250 });
process.stdout.write(`ready ${worker.id} resumed ${resumed.join(',') || 'none'}\n`);
process.on('SIGTERM', () => {
  void worker.stop().then(() => process.exit(0));
});
