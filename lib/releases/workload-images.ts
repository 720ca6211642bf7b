// The images of a rendered manifest's workloads without parsing it as YAML:
// a line scan of the workload documents finds their images (YAML parsing
// was most of a cold overview's time). Documents the scan cannot read
// (flow style, JSON) fall back to the full parser.
import { imagesOf, mainImagesOf, splitManifest } from './manifest';

const DOC_SEPARATOR = /^---[ \t]*(?:#.*)?$/m;
const KIND_LINE = /^kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*(?:#.*)?$/m;
/** Workload kinds, in the order that decides a release's main image. */
export const WORKLOAD_ORDER = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod'];
const SECTION = /^([ \t]*)(initContainers|containers):[ \t]*(?:#.*)?$/;
const IMAGE = /^[ \t]*(?:-[ \t]+)?image:[ \t]*["']?([^"'\s#]+)["']?[ \t]*(?:#.*)?$/;

export type TWorkloadImages = { kind: string; init: string[]; main: string[] };

/** Images of one block-style workload document, or null when the scan cannot vouch for it. */
export function scanImages(doc: string): { init: string[]; main: string[] } | null {
  const out = { init: [] as string[], main: [] as string[] };
  let section: { indent: number; list: string[] } | null = null;
  for (const line of doc.split('\n')) {
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - trimmed.length;
    const head = SECTION.exec(line);
    if (head) {
      section = {
        indent: (head[1] ?? '').length,
        list: head[2] === 'containers' ? out.main : out.init,
      };
      continue;
    }
    // A list may sit at its key's indent ("containers:\n- name: x"); anything else there ends it.
    if (
      section &&
      (indent < section.indent || (indent === section.indent && !trimmed.startsWith('-')))
    )
      section = null;
    const image = section ? IMAGE.exec(line) : null;
    if (image?.[1] && section) section.list.push(image[1]);
  }
  return out.main.length > 0 ? out : null;
}

/** Each workload of a manifest with its init and main images, main workload kinds first. */
export function workloadImages(manifest: string, namespace: string): TWorkloadImages[] {
  const found: TWorkloadImages[] = [];
  for (const doc of manifest.split(DOC_SEPARATOR)) {
    const kind = KIND_LINE.exec(doc)?.[1];
    const scanned = kind && WORKLOAD_ORDER.includes(kind) ? scanImages(doc) : null;
    if (kind && scanned) {
      found.push({ kind, ...scanned });
      continue;
    }
    if (kind && !WORKLOAD_ORDER.includes(kind)) continue;
    if (!/\bimage\b/.test(doc)) continue;
    for (const r of splitManifest(doc, namespace).resources.values()) {
      if (!WORKLOAD_ORDER.includes(r.kind)) continue;
      const all = imagesOf(r);
      const main = mainImagesOf(r);
      found.push({ kind: r.kind, init: all.slice(0, all.length - main.length), main });
    }
  }
  const rank = (k: string) => WORKLOAD_ORDER.indexOf(k);
  return found.sort((a, b) => rank(a.kind) - rank(b.kind));
}
