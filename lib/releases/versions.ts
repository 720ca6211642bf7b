// Semver-ish comparison of chart versions, app versions and image tags.

type TParsed = { nums: number[]; pre: string[] | null };

const SEMVERISH = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(v: string): TParsed | null {
  const m = SEMVERISH.exec(v.trim());
  if (!m) return null;
  return {
    nums: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)],
    pre: m[4] ? m[4].split('.') : null,
  };
}

function comparePre(a: string[] | null, b: string[] | null): number {
  // A release sorts after its pre-releases: 1.0.0 > 1.0.0-rc.1.
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Orders two version strings (`1.2.3`, `v2.0`, `1.0.0-rc.1`): negative, zero
 * or positive; null when either is not version-like (a commit sha, `latest`).
 */
export function compareVersions(a: string, b: string): number | null {
  if (a === b) return 0;
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return null;
  for (let i = 0; i < 3; i++) {
    const d = (pa.nums[i] ?? 0) - (pb.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(comparePre(pa.pre, pb.pre));
}

export function isVersionLike(v: string): boolean {
  return parse(v) !== null;
}
