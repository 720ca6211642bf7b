// Chart sources beyond local folders and repositories: OCI registries that
// need plain HTTP (a registry on loopback or inside the network), and where
// a remote chart's values files live.
import { z } from 'zod';

export const ZRegistry = z.strictObject({
  /** host[:port] as it appears in oci://host[:port]/path references. */
  host: z
    .string()
    .regex(/^[a-zA-Z0-9.-]+(:\d+)?$/, 'a host or host:port, as in oci://host:port/charts/x'),
  /** Talk HTTP instead of HTTPS to this registry (helm --plain-http). */
  plainHttp: z.boolean().default(false),
});

/**
 * Directory of a release's values files (values-<env>.yaml, values-<cluster>.yaml),
 * relative to helmdeck.yaml. Default: the chart folder for local charts,
 * helmdeck.yaml's directory for repository and OCI charts.
 */
export const ZValuesDir = z.string().min(1).optional();

export type TRegistry = z.output<typeof ZRegistry>;
