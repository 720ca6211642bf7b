// The shape of helmdeck.yaml. Field-level rules live here; rules that relate
// fields to each other or to the file system live in cross-checks.ts.
import { z } from 'zod';
import { ZAutoRollback } from './auto-rollback';
import { ZRegistry, ZValuesDir } from './charts';
import { ZAuth } from './auth';
import { ZFreezeWindow } from './freeze-window';
import { ZMetricsEndpoint } from './metrics-endpoint';
import { ZClusterImpersonationFields } from './impersonation';
import { ZDnsLabel, ZDuration, ZReleaseName } from './primitives';
import { ZMetrics } from './analysis';
import { ZEnvironmentPromotionFields, ZReleasePromotionFields } from './promotions';
import { ZEnvironmentStrategyFields, ZReleaseStrategies } from './strategy';

export const ZCluster = z.strictObject({
  name: ZDnsLabel,
  /** kubeconfig context; "in-cluster" means the service account Helmdeck runs as. */
  context: z.string().min(1, 'required'),
  ...ZClusterImpersonationFields,
});

export const ZEnvironment = z.strictObject({
  name: ZDnsLabel,
  clusters: z.array(ZCluster).min(1, 'at least one cluster'),
  namespace: ZDnsLabel,
  /** Chart-relative values files, applied in order; values-<cluster>.yaml follows when present. */
  valuesFiles: z.array(z.string().min(1)).default([]),
  requireTicket: z.boolean().default(false),
  approvals: z.number().int().min(0).max(10).default(0),
  approvalTtlHours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(72),
  freezeWindows: z.array(ZFreezeWindow).default([]),
  autoRollback: ZAutoRollback.optional(),
  /** helm --timeout for installs, upgrades and rollbacks. */
  timeout: ZDuration.default('5m'),
  /** helm --history-max: revisions kept per release. */
  historyMax: z.number().int().min(0).max(1000).default(10),
  ...ZEnvironmentStrategyFields,
  ...ZEnvironmentPromotionFields,
});

export const WEBHOOK_EVENTS = [
  'operation.queued',
  'operation.started',
  'operation.succeeded',
  'operation.failed',
  'operation.rolled_back',
  'rollback.automatic',
  'ticket.requested',
  'ticket.approved',
  'ticket.rejected',
  'ticket.expired',
  'release.changed_outside',
] as const;

export const ZWebhook = z.strictObject({
  name: z.string().min(1).optional(),
  url: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }),
  /** HMAC key for the signature header; never logged. */
  secret: z.string().min(16, 'at least 16 characters').optional(),
  format: z.enum(['generic', 'slack']).default('generic'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .default([...WEBHOOK_EVENTS]),
});

export const ZRepository = z.strictObject({
  name: ZDnsLabel,
  url: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }),
});

export const ZRelease = z.strictObject({
  name: ZReleaseName,
  /** ./local/path (relative to helmdeck.yaml), repo/name or oci://host/path. */
  chart: z.string().min(1, 'required'),
  /** Chart version; required for repo and oci charts, not allowed for local ones. */
  version: z.string().min(1).optional(),
  promotion: z.array(ZDnsLabel).min(1, 'at least one environment'),
  valuesDir: ZValuesDir,
  ...ZReleaseStrategies,
  ...ZReleasePromotionFields,
});

export const ZHelmdeckConfig = z.strictObject({
  environments: z.array(ZEnvironment).min(1, 'at least one environment'),
  releases: z.array(ZRelease).default([]),
  repositories: z.array(ZRepository).default([]),
  registries: z.array(ZRegistry).default([]),
  /** Chart references operations may use; `*` matches any run of characters. */
  allowedCharts: z.array(z.string().min(1)).optional(),
  webhooks: z.array(ZWebhook).default([]),
  metrics: ZMetrics.default(() => ZMetrics.parse({})),
  metricsEndpoint: ZMetricsEndpoint.optional(),
  /** Single sign-on and password sign-in (lib/config/auth.ts). */
  auth: ZAuth.prefault({}),
});

export { ZAutoRollback };
export type TCluster = z.output<typeof ZCluster>;
export type TAutoRollback = z.output<typeof ZAutoRollback>;
export type TEnvironment = z.output<typeof ZEnvironment>;
export type TWebhook = z.output<typeof ZWebhook>;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type TRepository = z.output<typeof ZRepository>;
export type TReleaseInput = z.output<typeof ZRelease>;
export type THelmdeckConfigInput = z.output<typeof ZHelmdeckConfig>;
