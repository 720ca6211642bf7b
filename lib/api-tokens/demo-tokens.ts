// Ready API tokens for the demo users, printed by `npm run demo`. The
// plaintext lives only in <data dir>/demo/tokens.json (mode 0600) and is
// reused while its hash is still active, so restarts print the same tokens.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { getPrisma } from '@/lib/db';
import { env } from '@/lib/env';
import { createApiToken } from './api-tokens';
import { hashApiToken } from './token';

const ZTokenFile = z.record(z.string(), z.string());
const DEMO_TOKEN_NAME = 'demo';

function readTokenFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const parsed = ZTokenFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : {};
}

/** One working API token per demo user (created on first run, reused afterwards). */
export async function ensureDemoTokens(
  users: readonly { email: string }[],
  opts: { dataDir?: string } = {},
): Promise<Array<{ email: string; token: string }>> {
  const dir = path.join(opts.dataDir ?? env().HELMDECK_DATA_DIR, 'demo');
  const file = path.join(dir, 'tokens.json');
  const saved = readTokenFile(file);
  const prisma = await getPrisma();
  const out: Array<{ email: string; token: string }> = [];
  for (const { email } of users) {
    const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) throw new Error(`demo user ${email} does not exist; seed the demo users first`);
    const known = saved[email];
    const row = known
      ? await prisma.apiToken.findUnique({
          where: { tokenHash: hashApiToken(known) },
          select: { userId: true, revokedAt: true },
        })
      : null;
    if (known && row && row.userId === user.id && row.revokedAt === null) {
      out.push({ email, token: known });
      continue;
    }
    const { token } = await createApiToken({ userId: user.id, name: DEMO_TOKEN_NAME });
    saved[email] = token;
    out.push({ email, token });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its old mode on write
  return out;
}
