// helmdeck.yaml's deployment strategies and feature flags of a release.
// A strategy says how a build reaches traffic in one environment (or some of
// its clusters): standard (helm upgrade), blueGreen (two colour releases and a
// router object Helmdeck patches) or canary (a canary release beside the
// stable one and an ingress-nginx canary weight).
import { z } from 'zod';
import { durationWithin, ZAnalysis, ZMetricWatch } from './analysis';
import { ZDnsLabel } from './primitives';

/** A Kubernetes label key: optional DNS-subdomain prefix and "/", then a name. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A name template: `{release}` is the colour's (or canary's) helm release, `{colour}` the colour. */
const ZNameTemplate = z
  .string()
  .min(1, 'required')
  .max(63, 'at most 63 characters')
  .regex(
    /^([a-z0-9-]|\{release\}|\{colour\}|\{name\})+$/,
    'lowercase letters, digits, "-" and the placeholders {name}, {release}, {colour}',
  );

const ZScope = {
  environment: ZDnsLabel,
  /** Only these clusters of the environment; every cluster when omitted. */
  clusters: z.array(ZDnsLabel).min(1, 'at least one cluster').optional(),
};

export const ZSmokeCheck = z.strictObject({
  name: z.string().min(1).max(80).optional(),
  /** Requested through the Kubernetes services proxy of the idle colour's Service. */
  path: z.string().regex(/^\/[\w\-./~%?=&]*$/, 'a URL path starting with "/"'),
  status: z.number().int().min(100).max(599).default(200),
  /** The body must contain this text. */
  contains: z.string().min(1).max(200).optional(),
});

export const ZRouter = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('ingress'),
      /** The Ingress whose backend service is switched between the colours' Services. */
      name: ZDnsLabel,
    }),
    z.strictObject({
      kind: z.literal('service'),
      /** The Service whose selector is switched. */
      name: ZDnsLabel,
      /** The selector label that picks the colour. */
      label: z
        .string()
        .regex(LABEL_KEY, 'a Kubernetes label key')
        .default('app.kubernetes.io/instance'),
      /** The label's value for a colour. */
      value: ZNameTemplate.default('{release}'),
    }),
  ],
  { error: () => 'one of ingress, service' },
);

const ZValuesLayer = z.record(z.string(), z.unknown());

export const ZStandardStrategy = z.strictObject({ type: z.literal('standard'), ...ZScope });

export const ZBlueGreenStrategy = z.strictObject({
  type: z.literal('blueGreen'),
  ...ZScope,
  /** Two colours; releases are <name>-<colour>. */
  colours: z.array(ZDnsLabel).length(2, 'exactly two colours').default(['blue', 'green']),
  router: ZRouter,
  /** A colour's Service, the Ingress backend to switch to. */
  colourService: ZNameTemplate.default('{release}'),
  /** Values each colour release gets after the environment's files; "{colour}" in strings is replaced. */
  colourValues: ZValuesLayer.default({}),
  /** Retiring the old colour is offered this long after a switch. */
  retireAfter: durationWithin(0, 30 * 24 * 60 * 60_000, '30 days').default('30m'),
  retire: z.enum(['uninstall', 'scaleToZero']).default('uninstall'),
  /** Test idle: requested through the services proxy after the health check. */
  healthPath: z
    .string()
    .regex(/^\/[\w\-./~%]*$/, 'a URL path starting with "/"')
    .default('/health'),
  smokeChecks: z.array(ZSmokeCheck).default([]),
});

export const ZCanaryStrategy = z.strictObject({
  type: z.literal('canary'),
  ...ZScope,
  /** Traffic percentages of the canary, in order. */
  steps: z
    .array(z.number().int().min(1, 'at least 1').max(100, 'at most 100'))
    .min(1, 'at least one step')
    .default([10, 25, 50, 100]),
  /** The analysis must pass for this long before a step advances by itself. */
  stepInterval: durationWithin(5_000, 24 * 60 * 60_000, '24h').default('5m'),
  /** Steps advance by themselves after the analysis passed; false: only Next step. */
  automatic: z.boolean().default(true),
  /** The stable release's Ingress; the canary Ingress is a copy named <ingress>-canary. */
  ingress: ZDnsLabel.optional(),
  /** The canary release's Service, the canary Ingress's backend. */
  canaryService: ZNameTemplate.default('{release}'),
  /** Values the canary release gets after the environment's files. */
  canaryValues: ZValuesLayer.default({}),
  /** This many failed analyses in a row abort the canary. */
  failureLimit: z.number().int().min(1).max(100).default(3),
  /** Overrides metrics.analysis for this canary. */
  analysis: ZAnalysis.optional(),
});

export const ZStrategy = z.discriminatedUnion(
  'type',
  [ZStandardStrategy, ZBlueGreenStrategy, ZCanaryStrategy],
  { error: () => 'one of standard, blueGreen, canary' },
);

/** A path into the values: dot-separated keys ("config.FEATURE_SIGNUP"). */
export const FLAG_PATH = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

export const ZFlag = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, 'lowercase letters, digits and "-", starting with a letter'),
  path: z
    .string()
    .max(200, 'at most 200 characters')
    .regex(FLAG_PATH, 'dot-separated value keys, e.g. config.FEATURE_SIGNUP'),
  description: z.string().max(300, 'at most 300 characters').default(''),
});

export const ZReleaseStrategies = {
  /** How builds reach traffic per environment; standard where none is listed. */
  strategies: z.array(ZStrategy).default([]),
  flags: z.array(ZFlag).default([]),
};

export type TSmokeCheck = z.output<typeof ZSmokeCheck>;
export type TRouter = z.output<typeof ZRouter>;
export type TStandardStrategy = z.output<typeof ZStandardStrategy>;
export type TBlueGreenStrategy = z.output<typeof ZBlueGreenStrategy>;
export type TCanaryStrategy = z.output<typeof ZCanaryStrategy>;
export type TStrategy = z.output<typeof ZStrategy>;
export type TFlag = z.output<typeof ZFlag>;

/** Per environment: metric watch after ordinary upgrades, and the ticket rule for flag toggles. */
export const ZEnvironmentStrategyFields = {
  metricWatch: ZMetricWatch.optional(),
  /** With requireTicket, toggling a flag needs a ticket too unless this is false. */
  flagsNeedTicket: z.boolean().default(true),
};
