import 'server-only';
import { ConfigError, getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { env } from '@/lib/env';
import { seedDemoUsers } from '@/lib/users';

function fail(message: string): never {
  console.error(`\nhelmdeck: cannot start\n${message}\n`);
  process.exit(1);
}

/** Validates the configuration, brings the database up (migrated), seeds demo users in demo mode. */
export async function startHelmdeck(): Promise<void> {
  try {
    const config = getConfig();
    console.log(
      `helmdeck: configuration ${config.source.path}: ${config.environments.length} environments, ${config.releases.length} releases`,
    );
  } catch (error) {
    if (error instanceof ConfigError)
      fail(
        `${error.message}\nFix the file (or point HELMDECK_CONFIG at another one) and start again.`,
      );
    throw error;
  }
  try {
    await getPrisma();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail(
      `database: ${reason}\nCheck DATABASE_URL, or unset it to use the embedded Postgres under ${env().HELMDECK_DATA_DIR}/pg.`,
    );
  }
  if (env().HELMDECK_DEMO) {
    const users = await seedDemoUsers();
    const lines = users.map(
      (u) => `  ${u.email.padEnd(34)} ${u.password.padEnd(22)} ${u.roles.join(', ')}`,
    );
    console.log(`helmdeck: demo users (email, password, roles):\n${lines.join('\n')}`);
  }
}
