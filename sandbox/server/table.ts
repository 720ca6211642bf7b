// meta.k8s.io/v1 Table output, so `kubectl get` prints the same columns it
// prints against a real cluster.
import type { KObject } from '../store';
import type { TResourceInfo } from '../resources';
import { humanAge, TABLE_COLUMNS } from './table-columns';
import { isPlainObject } from './schema';

export interface TColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
}

function simpleJsonPath(obj: unknown, path: string): unknown {
  // CRD printer columns use simple paths like .spec.replicas or .status.conditions[0].type
  let cur = obj;
  for (const raw of path.replace(/^\./, '').split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(raw);
    if (!m) return undefined;
    if (m[1]) cur = isPlainObject(cur) ? cur[m[1]] : undefined;
    for (const idx of m[2]!.match(/\d+/g) ?? [])
      cur = Array.isArray(cur) ? cur[Number(idx)] : undefined;
  }
  return cur;
}

function rowsFor(info: TResourceInfo): { columns: TColumn[]; cells: (o: KObject) => unknown[] } {
  const builtin = TABLE_COLUMNS[info.group ? `${info.plural}.${info.group}` : info.plural];
  if (builtin) return builtin;
  const extra = (info.printerColumns ?? []).filter((c) => c.name.toLowerCase() !== 'age');
  const hasAge = (info.printerColumns ?? []).some(
    (c) => c.jsonPath === '.metadata.creationTimestamp',
  );
  return {
    columns: [
      {
        name: 'Name',
        type: 'string',
        format: 'name',
        description: 'Name must be unique within a namespace.',
        priority: 0,
      },
      ...extra.map((c) => ({
        name: c.name,
        type: c.type,
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
      ...(hasAge
        ? []
        : [{ name: 'Age', type: 'date', description: 'CreationTimestamp', priority: 0 }]),
    ],
    cells: (o) => [
      o.metadata.name,
      ...extra.map((c) => {
        const v = simpleJsonPath(o, c.jsonPath);
        if (c.type === 'date' && typeof v === 'string') return humanAge(v);
        return v ?? null;
      }),
      ...(hasAge ? [] : [humanAge(o.metadata.creationTimestamp)]),
    ],
  };
}

function partial(obj: KObject): unknown {
  const { managedFields: _m, ...metadata } = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

export function toTable(
  info: TResourceInfo,
  items: KObject[],
  listMeta: Record<string, unknown>,
  includeObject: string | null,
): unknown {
  const { columns, cells } = rowsFor(info);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({ description: '', priority: 0, format: '', ...c })),
    rows: items.map((o) => ({
      cells: cells(o),
      ...(includeObject === 'None' ? {} : { object: includeObject === 'Object' ? o : partial(o) }),
    })),
  };
}
