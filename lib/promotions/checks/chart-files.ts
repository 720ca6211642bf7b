// Which files a chart archive holds (a .tgz is gzip over tar: 512-byte
// headers with the name and an octal size), so the checklist can say
// whether the chart has a values.schema.json or tests.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export function chartArchiveFiles(archive: string): string[] {
  const tar = gunzipSync(readFileSync(archive));
  const names: string[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number) =>
      header
        .subarray(from, from + len)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(345, 155);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type !== 'x' && type !== 'g') {
      names.push(longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)));
      longName = undefined;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

/** True when the chart (not a subchart) has this file, e.g. values.schema.json or templates/tests/. */
export function chartHas(files: string[], relative: string): boolean {
  return files.some((f) => {
    const rest = f.split('/').slice(1).join('/');
    return rest === relative || rest.startsWith(relative.endsWith('/') ? relative : `${relative}/`);
  });
}
