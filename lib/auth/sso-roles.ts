// From an identity provider's claims to Helmdeck role grants. Pure: unit
// tested, and shared by the sign-in hook and the admin page's explanations.
import type { TOidcRoleMapping } from '@/lib/config/auth';
import type { TRole } from './roles';

/** One grant single sign-on gives; `environment` null means every environment. */
export interface TSsoGrant {
  role: TRole;
  environment: string | null;
  /** The group that gave it (the first mapping that matched). */
  group: string;
}

/**
 * The person's groups from the configured claim: a list of strings, or one
 * string. A claim name with dots that is not a top-level claim is followed as
 * a path (Keycloak's `realm_access.roles`); URL-shaped claim names stay whole.
 */
export function groupsFromClaims(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes('.') && !claim.includes('://')) {
    value = claim
      .split('.')
      .reduce<unknown>(
        (at, key) =>
          typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined,
        claims,
      );
  }
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((g): g is string => typeof g === 'string' && g !== ''))];
}

/**
 * The grants the groups give, one per role and environment. A role that some
 * group gives for every environment is not also listed per environment.
 */
export function grantsFromGroups(
  groups: readonly string[],
  mapping: readonly TOidcRoleMapping[],
): TSsoGrant[] {
  const held = new Set(groups);
  const grants: TSsoGrant[] = [];
  const globalRoles = new Set<TRole>();
  for (const m of mapping) {
    if (held.has(m.group) && !m.environments && !globalRoles.has(m.role)) {
      globalRoles.add(m.role);
      grants.push({ role: m.role, environment: null, group: m.group });
    }
  }
  const limited = new Set<string>();
  for (const m of mapping) {
    if (!held.has(m.group) || !m.environments || globalRoles.has(m.role)) continue;
    for (const environment of m.environments) {
      const key = `${m.role}\0${environment}`;
      if (limited.has(key)) continue;
      limited.add(key);
      grants.push({ role: m.role, environment, group: m.group });
    }
  }
  return grants;
}
