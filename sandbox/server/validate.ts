// The validation a real apiserver does that clients notice: names, labels,
// required fields, with 422 Invalid and field causes worded the same way.
import type { KObject } from '../store';
import { apiVersionOf, type TResourceInfo } from '../resources';
import { errors, type TCause } from './status';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const LABEL_NAMED = new Set(['namespaces', 'services']);
const PATH_NAMED = new Set(['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']);

function nameCauses(info: TResourceInfo, name: string): TCause[] {
  const field = 'metadata.name';
  if (PATH_NAMED.has(info.plural)) {
    if (name === '.' || name === '..' || /[/%]/.test(name))
      return [{ field, message: `Invalid value: "${name}": may not contain '/' or '%'` }];
    return [];
  }
  if (LABEL_NAMED.has(info.plural)) {
    if (name.length > 63)
      return [{ field, message: `Invalid value: "${name}": must be no more than 63 characters` }];
    if (!DNS1123_LABEL.test(name)) {
      return [
        {
          field,
          message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
        },
      ];
    }
    return [];
  }
  if (name.length > 253)
    return [{ field, message: `Invalid value: "${name}": must be no more than 253 characters` }];
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return [
      {
        field,
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      },
    ];
  }
  return [];
}

function labelCauses(labels: unknown): TCause[] {
  if (!labels || typeof labels !== 'object') return [];
  const causes: TCause[] = [];
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (!QUALIFIED_NAME.test(name) || name.length > 63) {
      causes.push({
        field: 'metadata.labels',
        message: `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
    }
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push({
        field: 'metadata.labels',
        message: `Invalid value: "${String(value)}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      });
    }
  }
  return causes;
}

function specCauses(info: TResourceInfo, obj: KObject): TCause[] {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const causes: TCause[] = [];
  const checkContainers = (podSpec: unknown, prefix: string) => {
    const containers = (
      podSpec as { containers?: Array<{ name?: string; image?: string }> } | undefined
    )?.containers;
    if (!Array.isArray(containers) || containers.length === 0) {
      causes.push({
        field: `${prefix}.containers`,
        message: 'Required value',
        reason: 'FieldValueRequired',
      });
      return;
    }
    containers.forEach((c, i) => {
      if (!c?.name)
        causes.push({
          field: `${prefix}.containers[${i}].name`,
          message: 'Required value',
          reason: 'FieldValueRequired',
        });
      if (!c?.image)
        causes.push({
          field: `${prefix}.containers[${i}].image`,
          message: 'Required value',
          reason: 'FieldValueRequired',
        });
    });
  };
  if (
    info.group === 'apps' &&
    ['deployments', 'replicasets', 'statefulsets', 'daemonsets'].includes(info.plural)
  ) {
    const template = spec.template as { spec?: unknown } | undefined;
    checkContainers(template?.spec, 'spec.template.spec');
    if (!spec.selector)
      causes.push({
        field: 'spec.selector',
        message: 'Required value',
        reason: 'FieldValueRequired',
      });
  }
  if (info.plural === 'pods' && !info.group) checkContainers(spec, 'spec');
  if (info.plural === 'runtimeclasses' && !obj.handler)
    causes.push({ field: 'handler', message: 'Required value', reason: 'FieldValueRequired' });
  if (info.plural.endsWith('webhookconfigurations')) {
    const hooks = Array.isArray(obj.webhooks)
      ? (obj.webhooks as Array<Record<string, unknown>>)
      : [];
    hooks.forEach((h, i) => {
      for (const field of ['name', 'clientConfig', 'sideEffects', 'admissionReviewVersions'])
        if (h?.[field] === undefined)
          causes.push({
            field: `webhooks[${i}].${field}`,
            message: 'Required value',
            reason: 'FieldValueRequired',
          });
    });
  }
  if (info.plural === 'services' && !info.group) {
    const ports = spec.ports as Array<{ port?: number }> | undefined;
    ports?.forEach((p, i) => {
      if (typeof p?.port !== 'number' || p.port < 1 || p.port > 65535) {
        causes.push({
          field: `spec.ports[${i}].port`,
          message: `Invalid value: ${String(p?.port)}: must be between 1 and 65535, inclusive`,
        });
      }
    });
  }
  return causes;
}

/** Checks kind and apiVersion of a body against the URL it was sent to (400 on mismatch). */
export function checkTypeMeta(info: TResourceInfo, obj: KObject): void {
  if (obj.kind && obj.kind !== info.kind) {
    throw errors.badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${info.kind})`,
    );
  }
  const expected = apiVersionOf(info);
  if (obj.apiVersion && obj.apiVersion !== expected) {
    throw errors.badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
}

export function validateObject(info: TResourceInfo, obj: KObject): void {
  const name = obj.metadata.name ?? '';
  const causes: TCause[] = [];
  if (!name)
    causes.push({
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
      reason: 'FieldValueRequired',
    });
  else causes.push(...nameCauses(info, name));
  causes.push(...labelCauses(obj.metadata.labels));
  causes.push(...specCauses(info, obj));
  if (causes.length) throw errors.invalid(info, name, causes);
}
