'use client';

// Container logs of the release's pods: pick pod and container, the run
// before the last restart, or follow live (server-sent events from the API).
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState, Panel } from '@/components/ui/panel';
import type { TReleaseDetail } from '@/lib/release-view';
import { fetchJson } from './fetch-json';

type TLogAnswer = { lines: string[]; container: string };

/** Lines kept on the page while following; older ones drop off the top. */
const KEEP_LINES = 2_000;

const seg = encodeURIComponent;

function logUrl(d: TReleaseDetail, pod: string, container: string, previous: boolean) {
  const q = new URLSearchParams({ pod, container });
  if (previous) q.set('previous', 'true');
  return `/api/v1/releases/${seg(d.environment)}/${seg(d.cluster)}/${seg(d.name)}/logs?${q}`;
}

const SELECT =
  'h-8 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs text-slate-800';

export function ReleaseLogs({ detail }: { detail: TReleaseDetail }) {
  const asked = useSearchParams().get('pod');
  const [podName, setPod] = useState(
    detail.pods.find((p) => p.name === asked)?.name ?? detail.pods[0]?.name ?? '',
  );
  const pod = detail.pods.find((p) => p.name === podName);
  const [containerName, setContainer] = useState('');
  const container =
    pod?.containers.find((c) => c.name === containerName) ??
    pod?.containers.find((c) => !c.init) ??
    pod?.containers[0];
  const [previous, setPrevious] = useState(false);
  const [following, setFollowing] = useState(false);
  const [lines, setLines] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [ended, setEnded] = useState(false);
  const box = useRef<HTMLPreElement>(null);
  const url = pod && container ? logUrl(detail, pod.name, container.name, previous) : null;

  useEffect(() => {
    if (!url || following) return;
    let live = true;
    fetchJson<TLogAnswer>(url).then(
      (a) => {
        if (!live) return;
        setLines(a.lines);
        setProblem(null);
      },
      (e: unknown) => {
        if (!live) return;
        setLines([]);
        setProblem(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [url, following]);

  useEffect(() => {
    if (!url || !following) return;
    const source = new EventSource(`${url}&follow=true`);
    let first = true;
    source.addEventListener('lines', (ev) => {
      const more = (JSON.parse((ev as MessageEvent<string>).data) as { lines: string[] }).lines;
      setLines((had) => [...(first ? [] : (had ?? [])), ...more].slice(-KEEP_LINES));
      first = false;
    });
    source.addEventListener('end', () => {
      setEnded(true);
      setFollowing(false);
      source.close();
    });
    source.addEventListener('problem', (ev) => {
      setProblem((JSON.parse((ev as MessageEvent<string>).data) as { message: string }).message);
      setFollowing(false);
      source.close();
    });
    source.onerror = () => {
      // A refusal before the stream (bad container, no previous run) is told by the plain read.
      source.close();
      setFollowing(false);
    };
    return () => source.close();
  }, [url, following]);

  useEffect(() => {
    if (following && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, following]);

  if (detail.pods.length === 0)
    return (
      <Panel title="Logs">
        <EmptyState title="No pods to show logs of" />
      </Panel>
    );
  return (
    <Panel
      title="Logs"
      aside={following ? <span className="text-emerald-700">following live</span> : null}
    >
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 text-xs">
        <label className="flex flex-col gap-1 text-slate-600">
          Pod
          <select
            className={SELECT}
            value={podName}
            onChange={(e) => {
              setPod(e.target.value);
              setContainer('');
              setPrevious(false);
            }}
          >
            {detail.pods.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-slate-600">
          Container
          <select
            className={SELECT}
            value={container?.name ?? ''}
            onChange={(e) => {
              setContainer(e.target.value);
              setPrevious(false);
            }}
          >
            {(pod?.containers ?? []).map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
                {c.init ? ' (init)' : ''}
                {c.restarts ? ` · ${c.restarts} restart${c.restarts === 1 ? '' : 's'}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-flex h-8 items-center gap-1.5 text-slate-700">
          <input
            type="checkbox"
            checked={previous}
            disabled={!container?.restarts}
            onChange={(e) => setPrevious(e.target.checked)}
          />
          Previous container (before the last restart)
        </label>
        <Button
          size="sm"
          variant={following ? 'secondary' : 'primary'}
          onClick={() => {
            setEnded(false);
            setProblem(null);
            setFollowing((f) => !f);
          }}
        >
          {following ? 'Stop following' : 'Follow live'}
        </Button>
        {container && container.lastExitCode !== null ? (
          <span className="text-slate-500">
            last run ended: {container.lastReason ?? 'terminated'}, exit code{' '}
            {container.lastExitCode}
          </span>
        ) : null}
      </div>
      {problem ? (
        <p role="alert" className="px-4 py-3 text-sm text-rose-700">
          {problem}
        </p>
      ) : null}
      <pre
        hidden={problem !== null}
        ref={box}
        role="log"
        aria-label={`Log of ${podName}/${container?.name ?? ''}${previous ? ' (previous)' : ''}`}
        tabIndex={0}
        className="max-h-[32rem] overflow-auto bg-slate-950 px-4 py-3 font-mono text-[11px] leading-relaxed whitespace-pre-wrap text-slate-100"
      >
        {lines === null ? 'Loading…' : lines.join('\n') || '(no output yet)'}
      </pre>
      {ended ? (
        <p className="px-4 py-2 text-xs text-slate-500">
          The container’s run ended; the log stopped. Follow again to read the next run.
        </p>
      ) : null}
    </Panel>
  );
}
