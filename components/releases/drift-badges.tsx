// Drift at a glance: one badge per difference, each linking to the diff that explains it.
import Link from 'next/link';
import type { TMatrixRow } from '@/lib/release-view';
import { environmentDiffHref } from './format';

type TDrift = TMatrixRow['drift'][number];

function target(release: string, d: TDrift) {
  if (d.kind === 'ahead') return environmentDiffHref(release, d.ahead, d.behind);
  if (d.kind === 'differs') return environmentDiffHref(release, d.left, d.right);
  const [a, b] = d.clusters;
  if (!a || !b) return null;
  return environmentDiffHref(
    release,
    { environment: d.environment, cluster: a.cluster },
    { environment: d.environment, cluster: b.cluster },
  );
}

// "staging ahead of production (east)", "(west)", "(eu)" by the same amount read as one badge.
function grouped(drift: TDrift[]): { d: TDrift; text: string }[] {
  const out: { d: TDrift; text: string; key?: string; clusters?: string[] }[] = [];
  for (const d of drift) {
    if (d.kind !== 'ahead') {
      out.push({ d, text: d.text });
      continue;
    }
    const key = `${d.ahead.environment}/${d.ahead.cluster}>${d.behind.environment}/${d.by}/${d.basis}/${d.followsPromotion}`;
    const same = out.find((g) => g.key === key);
    if (same?.clusters) {
      same.clusters.push(d.behind.cluster);
      const m = /^(.*) ahead of (\S+) \(.*\) by (.*)$/.exec(same.d.text);
      same.text = m
        ? `${m[1]} ahead of ${m[2]} (${same.clusters.join(', ')}) by ${m[3]}`
        : same.text;
    } else out.push({ d, text: d.text, key, clusters: [d.behind.cluster] });
  }
  return out;
}

export function DriftBadges({ release, drift }: { release: string; drift: TDrift[] }) {
  if (drift.length === 0) return <span className="text-[11px] text-slate-500">in sync</span>;
  return (
    <ul aria-label={`Drift of ${release}`} className="flex flex-col items-start gap-1">
      {grouped(drift).map(({ d, text }) => {
        const href = target(release, d);
        const tone =
          d.kind === 'ahead' && d.followsPromotion
            ? 'bg-sky-50 text-sky-800 ring-sky-600/20'
            : 'bg-amber-50 text-amber-800 ring-amber-600/25';
        const body = (
          <span
            className={`inline-flex max-w-56 items-center gap-1 rounded px-1.5 py-0.5 text-[11px] leading-tight font-medium ring-1 ring-inset ${tone}`}
          >
            <span aria-hidden>
              {d.kind === 'ahead' ? '↑' : d.kind === 'cluster-skew' ? '≠' : '↔'}
            </span>
            <span data-testid="drift">{text}</span>
          </span>
        );
        return (
          <li key={text}>
            {href ? (
              <Link href={href} title="Open the diff" className="hover:opacity-80">
                {body}
              </Link>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ul>
  );
}
