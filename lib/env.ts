// Environment variables, parsed once. Nothing else in the app reads process.env.
import { z } from 'zod';

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** External Postgres; without it Helmdeck starts an embedded one under HELMDECK_DATA_DIR/pg. */
  DATABASE_URL: z.string().url().optional(),
  /** Owner of the external database: migrations and the app role's grants run as it; DATABASE_URL is then the app role. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  HELMDECK_CONFIG: z.string().default('helmdeck.yaml'),
  HELMDECK_DATA_DIR: z.string().default('.helmdeck'),
  /** Keys the audit chain's HMAC (at least 32 characters); without it a key file is generated in the audit folder. */
  HELMDECK_AUDIT_KEY: z.string().min(32, 'at least 32 characters').optional(),
  /** Folder of the audit key file and the chain head; default HELMDECK_DATA_DIR. */
  HELMDECK_AUDIT_DIR: z.string().optional(),
  /** Overrides the helm binary; otherwise helm on PATH, else the bundled helm 4. */
  HELM_BIN: z.string().optional(),
  KUBECONFIG: z.string().optional(),
  /** Passed on to helm: finding binaries, its home, in-cluster config, proxies for chart registries. */
  PATH: z.string().default(''),
  HOME: z.string().optional(),
  KUBERNETES_SERVICE_HOST: z.string().optional(),
  KUBERNETES_SERVICE_PORT: z.string().optional(),
  HTTP_PROXY: z.string().optional(),
  HTTPS_PROXY: z.string().optional(),
  NO_PROXY: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Signs session cookies; shared by every instance. Without it a secret is generated under HELMDECK_DATA_DIR. */
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  /** Public URL of Helmdeck (OIDC callbacks, trusted origin); inferred from requests when unset. */
  HELMDECK_URL: z.string().url().optional(),
  /**
   * Reverse proxies whose X-Forwarded-For/Host/Proto headers are believed
   * (comma-separated IPs and CIDRs); from any other peer they are ignored.
   */
  HELMDECK_TRUSTED_PROXIES: z.string().optional(),
  /** Bearer token Prometheus sends to /api/metrics (helmdeck.yaml metricsEndpoint.bearerToken). */
  HELMDECK_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Set by `npm run demo`: seeds demo users. */
  HELMDECK_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
});

export type TEnv = z.infer<typeof ZEnv>;

let parsed: TEnv | undefined;

export function env(): TEnv {
  if (!parsed) {
    const result = ZEnv.safeParse(process.env);
    if (!result.success) {
      const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`invalid environment:\n${lines.join('\n')}`);
    }
    parsed = result.data;
  }
  return parsed;
}

const ZNamedVariable = z.string().trim().min(1).optional().catch(undefined);

/**
 * A variable whose name comes from helmdeck.yaml (such as
 * auth.oidc.clientSecretEnv), so secrets stay out of the file; undefined
 * when unset or blank.
 */
export function namedVariable(name: string): string | undefined {
  return ZNamedVariable.parse(process.env[name]);
}
