// npm run demo: the whole dashboard on this machine with nothing installed:
// sandbox clusters, embedded Postgres, demo releases made with real helm.
// A second run reuses .helmdeck/ and starts faster. Ctrl-C stops everything.
import path from 'node:path';
import { ConfigError } from '@/lib/config';
import { DatabaseError } from '@/lib/db';
import { env } from '@/lib/env';
import { startDemoStack } from './demo/stack';
import { DEMO_SSO_ONLY_USER } from './demo/sso-users';

const started = Date.now();
const log = (line: string) => console.log(`demo: ${line}`);

try {
  const stack = await startDemoStack({
    dataDir: path.resolve(env().HELMDECK_DATA_DIR),
    port: env().PORT,
    configPath: process.env.HELMDECK_CONFIG ?? 'examples/helmdeck.yaml',
    log,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nHelmdeck is ready at ${stack.url} (started in ${seconds} s)\n`);
  console.log('Demo users (email / password, roles):');
  for (const u of stack.users)
    console.log(`  ${u.email.padEnd(28)} ${u.password.padEnd(22)} ${u.roles.join(', ')}`);
  console.log('\nREST API tokens (curl -H "Authorization: Bearer <token>" <url>/api/v1/releases):');
  for (const t of stack.tokens) console.log(`  ${t.email.padEnd(28)} ${t.token}`);
  if (stack.sso) {
    console.log(
      `\nSign in with SSO: the demo's identity provider (${stack.sso.issuer}) knows the same users and passwords, plus ${DEMO_SSO_ONLY_USER.email} / ${DEMO_SSO_ONLY_USER.password} (release manager for development and staging, SSO only).`,
    );
  }
  console.log(
    `\nWebhook notifications go to the demo's own receiver on loopback (nothing leaves the machine); open ${stack.webhookReceiver} to see what it received, and Notifications (as admin) for every delivery.`,
  );
  console.log(
    `\nkubectl and helm work against the sandbox clusters too:\n  KUBECONFIG=${stack.kubeconfigPath} .helmdeck/bin/helm list -A --kube-context east\n`,
  );
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (e) {
  if (e instanceof ConfigError || e instanceof DatabaseError) {
    console.error(`demo: ${e.message}`);
  } else {
    console.error('demo: failed to start:', e instanceof Error ? e.message : e);
  }
  process.exit(1);
}
