// Decodes helm's release Secrets (storage driver "secret", helm 3 and 4) as
// the Kubernetes API returns them, without running helm.
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

export type TReleaseSecretErrorCode =
  'not-helm-secret' | 'missing-data' | 'bad-base64' | 'bad-gzip' | 'bad-json' | 'bad-shape';

/** Expected failure: the object is not a readable helm release. */
export class ReleaseSecretError extends Error {
  readonly code: TReleaseSecretErrorCode;
  constructor(code: TReleaseSecretErrorCode, message: string) {
    super(message);
    this.name = 'ReleaseSecretError';
    this.code = code;
  }
}

export type TSecretMetadata = {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
};

/** A Secret (or, for helm's configmap driver, a ConfigMap) in API JSON shape. */
export type TKubeSecret = {
  kind?: string;
  type?: string;
  metadata?: TSecretMetadata;
  data?: Record<string, string>;
};

const ZHook = z.object({
  name: z.string().default(''),
  kind: z.string().default(''),
  path: z.string().default(''),
  manifest: z.string().default(''),
  events: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  last_run: z
    .object({
      started_at: z.string().optional(),
      completed_at: z.string().optional(),
      phase: z.string().default(''),
    })
    .nullish(),
  weight: z.number().optional(),
});

const ZValues = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((v) => v ?? {});

const ZHelmReleaseJson = z.object({
  name: z.string().min(1),
  namespace: z.string().default(''),
  version: z.number().int(),
  info: z.object({
    status: z.string().default('unknown'),
    first_deployed: z.string().optional(),
    last_deployed: z.string().optional(),
    deleted: z.string().optional(),
    description: z.string().default(''),
    notes: z.string().default(''),
  }),
  chart: z
    .object({
      metadata: z.object({
        name: z.string().default(''),
        version: z.string().default(''),
        appVersion: z.string().optional(),
        description: z.string().optional(),
      }),
      values: ZValues,
    })
    .nullish(),
  config: ZValues,
  manifest: z.string().default(''),
  hooks: z
    .array(ZHook)
    .nullish()
    .transform((v) => v ?? []),
  apply_method: z.string().optional(),
});

export type THelmHook = {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  lastRun: { phase: string; startedAt?: string; completedAt?: string } | null;
};

export type THelmRelease = {
  name: string;
  namespace: string;
  revision: number;
  info: {
    status: string;
    firstDeployed: string | null;
    lastDeployed: string | null;
    description: string;
    notes: string;
  };
  chart: { name: string; version: string; appVersion: string | null };
  /** User-supplied values (`helm get values`). */
  config: Record<string, unknown>;
  /** The chart's default values; computed values = defaults merged with config. */
  chartValues: Record<string, unknown>;
  manifest: string;
  hooks: THelmHook[];
  /** helm 4 only: "ssa" or "csa". */
  applyMethod: string | null;
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function strictBase64(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new ReleaseSecretError('bad-base64', `${what} is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}

// Same as helm's decodeRelease: the payload is gzip when it starts with the
// gzip magic bytes, plain JSON otherwise.
function payloadToJsonText(bytes: Buffer): string {
  const gz = bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
  if (!gz) return bytes.toString('utf8');
  try {
    // A cap guards against gzip bombs in a Secret someone else wrote.
    return gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 }).toString('utf8');
  } catch {
    throw new ReleaseSecretError('bad-gzip', 'release payload is not valid gzip');
  }
}

/** Parses helm's release JSON text into a THelmRelease. */
export function parseReleaseJson(text: string): THelmRelease {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ReleaseSecretError('bad-json', 'release payload is not valid JSON');
  }
  const parsed = ZHelmReleaseJson.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    throw new ReleaseSecretError('bad-shape', `release JSON has an unexpected shape at ${where}`);
  }
  const r = parsed.data;
  return {
    name: r.name,
    namespace: r.namespace,
    revision: r.version,
    info: {
      status: r.info.status,
      firstDeployed: r.info.first_deployed ?? null,
      lastDeployed: r.info.last_deployed ?? null,
      description: r.info.description,
      notes: r.info.notes,
    },
    chart: {
      name: r.chart?.metadata.name ?? '',
      version: r.chart?.metadata.version ?? '',
      appVersion: r.chart?.metadata.appVersion ?? null,
    },
    config: r.config,
    chartValues: r.chart?.values ?? {},
    manifest: r.manifest,
    hooks: r.hooks.map((h) => ({
      name: h.name,
      kind: h.kind,
      path: h.path,
      manifest: h.manifest,
      events: h.events,
      lastRun: h.last_run
        ? {
            phase: h.last_run.phase,
            startedAt: h.last_run.started_at,
            completedAt: h.last_run.completed_at,
          }
        : null,
    })),
    applyMethod: r.apply_method ?? null,
  };
}

/** Decodes the text helm stores (base64 of gzip or of plain JSON). */
export function decodeReleasePayload(storedText: string): THelmRelease {
  return parseReleaseJson(payloadToJsonText(strictBase64(storedText, 'release payload')));
}

export function isHelmReleaseObject(obj: TKubeSecret): boolean {
  const labels = obj.metadata?.labels ?? {};
  if (labels.owner !== 'helm') return false;
  if (obj.kind === 'ConfigMap') return true;
  return obj.type === undefined || obj.type === 'helm.sh/release.v1';
}

/** Decodes a release Secret (or configmap-driver ConfigMap) in API JSON shape. */
export function decodeReleaseSecret(obj: TKubeSecret): THelmRelease {
  if (!isHelmReleaseObject(obj)) {
    throw new ReleaseSecretError(
      'not-helm-secret',
      `${obj.metadata?.name ?? 'object'} is not a helm release`,
    );
  }
  const field = obj.data?.release;
  if (typeof field !== 'string' || field.length === 0) {
    throw new ReleaseSecretError(
      'missing-data',
      `${obj.metadata?.name ?? 'secret'} has no data.release`,
    );
  }
  // Secret data arrives base64-encoded once more by the API; ConfigMap data does not.
  const stored =
    obj.kind === 'ConfigMap' ? field : strictBase64(field, 'data.release').toString('latin1');
  return decodeReleasePayload(stored);
}

export type TDecodeResult =
  { ok: true; release: THelmRelease } | { ok: false; error: ReleaseSecretError };

/** decodeReleaseSecret that returns instead of throwing. */
export function tryDecodeReleaseSecret(obj: TKubeSecret): TDecodeResult {
  try {
    return { ok: true, release: decodeReleaseSecret(obj) };
  } catch (e) {
    if (e instanceof ReleaseSecretError) return { ok: false, error: e };
    throw e;
  }
}

/** Encodes release JSON exactly as helm's Secret driver does, as the API would return it. */
export function encodeReleaseSecretData(release: unknown, opts: { gzip?: boolean } = {}): string {
  const json = Buffer.from(JSON.stringify(release), 'utf8');
  const payload = opts.gzip === false ? json : gzipSync(json);
  return Buffer.from(payload.toString('base64'), 'latin1').toString('base64');
}
