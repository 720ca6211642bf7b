// A request address no route can mean: a malformed percent-escape, bytes
// that are not UTF-8, or a NUL byte in a path segment or query parameter.
// Checked once for every request, before Next routes it, so each such
// request answers 400 instead of a 500 from Next's decoder or from Postgres
// (which refuses NUL in text).

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodePart(part: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? part.replaceAll('+', ' ') : part);
  } catch {
    return null;
  }
}

/** Why `rawUrl` (a request line's target, as node hands it over) is refused, or null when it is fine. */
export function badUrlReason(rawUrl: string): string | null {
  // Node keeps bytes outside ASCII as latin-1 characters; they must form UTF-8.
  if (/[^\x00-\x7f]/.test(rawUrl)) {
    try {
      utf8.decode(Buffer.from(rawUrl, 'latin1'));
    } catch {
      return 'The request address is not valid UTF-8.';
    }
  }
  const queryAt = rawUrl.indexOf('?');
  const pathPart = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
  for (const segment of pathPart.split('/')) {
    const decoded = decodePart(segment, false);
    if (decoded === null)
      return 'The request path has a malformed percent-escape or bytes that are not UTF-8.';
    if (decoded.includes('\0')) return 'The request path contains a NUL byte.';
  }
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = decodePart(eq === -1 ? pair : pair.slice(0, eq), true);
    const value = eq === -1 ? '' : decodePart(pair.slice(eq + 1), true);
    if (name === null)
      return 'A query parameter name has a malformed percent-escape or bytes that are not UTF-8.';
    const label = name.replaceAll('\0', '').slice(0, 40);
    if (value === null)
      return `Parameter "${label}" has a malformed percent-escape or bytes that are not UTF-8.`;
    if (name.includes('\0') || value.includes('\0'))
      return `Parameter "${label}" contains a NUL byte.`;
  }
  return null;
}
