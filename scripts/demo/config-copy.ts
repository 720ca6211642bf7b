// The demo writes copies of helmdeck.yaml with parts pointed at its own
// loopback services; a copy lives elsewhere, so relative chart references are
// made absolute to keep pointing where they did.
import path from 'node:path';
import type { Document } from 'yaml';

export function absoluteChartRefs(doc: Document, sourcePath: string): void {
  const baseDir = path.dirname(path.resolve(sourcePath));
  const absolute = (ref: unknown) =>
    typeof ref === 'string' && ref.startsWith('.') ? path.resolve(baseDir, ref) : ref;
  const releases = doc.getIn(['releases']) as { items?: unknown[] } | undefined;
  releases?.items?.forEach((_, i) =>
    doc.setIn(['releases', i, 'chart'], absolute(doc.getIn(['releases', i, 'chart']))),
  );
  const allowed = doc.getIn(['allowedCharts']) as { items?: unknown[] } | undefined;
  allowed?.items?.forEach((_, i) =>
    doc.setIn(['allowedCharts', i], absolute(doc.getIn(['allowedCharts', i]))),
  );
}
