// helmdeck.yaml's promotion settings. Per environment: production's waves,
// soak times and gates. Per release: what the pre-deploy checklist and the
// post-deploy verification look at (dependencies, health endpoint, smoke checks).
import { z } from 'zod';
import { ZDnsLabel, ZDuration } from './primitives';
import { ZSmokeCheck } from './strategy';

const ZServicePort = z.union([z.number().int().min(1).max(65535), ZDnsLabel]);

export const ZDependency = z.strictObject({
  name: z.string().min(1).max(63),
  /** A Service whose endpoints must be ready. */
  service: ZDnsLabel,
  /** Its namespace; the release's namespace when omitted. */
  namespace: ZDnsLabel.optional(),
  port: ZServicePort.optional(),
  /** Also GET this path through the Kubernetes services proxy; it must answer 2xx. */
  healthPath: z
    .string()
    .regex(/^\/[\w\-./~%?=&]*$/, 'a URL path starting with "/"')
    .optional(),
});

export const ZHealthCheck = z.strictObject({
  /** The release's Service; `<release>` (or `<release>-<chart>`) when omitted. */
  service: ZDnsLabel.optional(),
  port: ZServicePort.optional(),
  path: z
    .string()
    .regex(/^\/[\w\-./~%?=&]*$/, 'a URL path starting with "/"')
    .default('/health'),
  /** The JSON answer's `version` must equal the deployed image tag. */
  expectVersion: z.boolean().default(true),
});

export const ZReleasePromotionFields = {
  dependencies: z.array(ZDependency).default([]),
  health: ZHealthCheck.optional(),
  /** Checked after every deploy through the services proxy of the release's Service. */
  smokeChecks: z.array(ZSmokeCheck).default([]),
};

export const ZEnvironmentPromotionFields = {
  /** Cluster names per wave, in order; default: one cluster per wave as listed. */
  waves: z.array(z.array(ZDnsLabel).min(1, 'a wave needs a cluster')).optional(),
  /** How long a wave runs healthy before the next starts. */
  waveSoak: ZDuration.optional(),
  /** How long the build must have run healthy in the previous stage. */
  minSoak: ZDuration.optional(),
  /** The previous stage's verification must have passed. */
  requireVerified: z.boolean().default(false),
  /** Only semantic-version chart versions and image tags may be promoted here. */
  semverOnly: z.boolean().default(false),
  /** A release's pods without a NetworkPolicy: warn, or block the deploy. */
  networkPolicy: z.enum(['warn', 'block']).default('warn'),
};

export type TDependency = z.output<typeof ZDependency>;
export type THealthCheck = z.output<typeof ZHealthCheck>;

type TIssue = { path: (string | number)[]; message: string };

/** Waves name each of the environment's clusters exactly once. */
export function promotionCrossCheck(data: unknown): TIssue[] {
  const issues: TIssue[] = [];
  const envs = (data as { environments?: unknown })?.environments;
  if (!Array.isArray(envs)) return issues;
  envs.forEach((env: unknown, e) => {
    const { waves, clusters } = (env ?? {}) as { waves?: unknown; clusters?: unknown };
    if (!Array.isArray(waves) || !Array.isArray(clusters)) return;
    const names = clusters
      .map((c) => (c as { name?: unknown })?.name)
      .filter((n) => typeof n === 'string');
    const seen = new Map<string, string>();
    waves.forEach((wave: unknown, w) => {
      if (!Array.isArray(wave)) return;
      wave.forEach((name: unknown, c) => {
        if (typeof name !== 'string') return;
        const at = ['environments', e, 'waves', w, c];
        if (!names.includes(name))
          issues.push({
            path: at,
            message: `"${name}" is not a cluster of this environment (${names.join(', ')})`,
          });
        else if (seen.has(name))
          issues.push({ path: at, message: `${name} is already in ${seen.get(name)}` });
        else seen.set(name, `waves[${w}]`);
      });
    });
    const missing = names.filter((n) => !seen.has(n));
    if (missing.length > 0 && waves.length > 0)
      issues.push({
        path: ['environments', e, 'waves'],
        message: `every cluster needs a wave; missing: ${missing.join(', ')}`,
      });
  });
  return issues;
}
