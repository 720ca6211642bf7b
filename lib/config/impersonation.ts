// Per-cluster `impersonate: true`: the reads behind a person's pages and the
// helm commands of their operations run as that person (lib/kube/impersonation.ts),
// so the cluster's RBAC applies on top of Helmdeck's roles.
import { z } from 'zod';

export const ZClusterImpersonationFields = {
  /** Act as the signed-in person (their email and SSO groups) on this cluster; off when absent. */
  impersonate: z.boolean().optional(),
};
