// npm run config:check [-- path]: validates helmdeck.yaml and prints a
// summary, or every problem and exit code 1.
import { ConfigError, loadConfig } from '@/lib/config';

const file = process.argv[2];
try {
  const config = loadConfig(file);
  console.log(`OK ${config.source.path}`);
  for (const e of config.environments) {
    const clusters = e.clusters.map((c) => `${c.name} (context ${c.context})`).join(', ');
    const gate = e.requireTicket ? `ticket + ${e.approvals} approval(s)` : 'no ticket';
    const freeze = e.freezeWindows.length > 0 ? `, ${e.freezeWindows.length} freeze window(s)` : '';
    console.log(`  environment ${e.name}: namespace ${e.namespace}; ${clusters}; ${gate}${freeze}`);
  }
  for (const r of config.releases) {
    const version = r.version ? `@${r.version}` : '';
    console.log(`  release ${r.name}: ${r.chart}${version} -> ${r.promotion.join(' -> ')}`);
  }
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
