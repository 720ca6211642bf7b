'use client';

// The blue/green page: the live and the idle colour side by side (build,
// health, revision, since when live, last idle test) and the actions in
// order: Deploy to idle, Test idle, Switch traffic, Switch back, Retire.
// Buttons only guide: the server refuses anything out of order, with a reason.
import Link from 'next/link';
import { useState } from 'react';
import { DeployDialog } from '@/components/operations/deploy-dialog';
import { exactTime } from '@/components/releases/format';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TBlueGreenView, TColourView } from '@/lib/strategies/view/blue-green-view';
import { StrategyActionDialog, type TStrategyAction } from './strategy-action-dialog';
import { Time } from '@/components/ui/time';

function ColourCard({ c, now, since }: { c: TColourView; now: number; since: string | null }) {
  const live = c.role === 'live';
  const facts: Array<[string, React.ReactNode]> = [
    ['Release', <code key="r">{c.release}</code>],
    ['Chart version', c.chartVersion ?? '—'],
    ['Image', c.imageTag ?? '—'],
    ['Revision', c.revision ?? '—'],
    [
      'Health',
      !c.installed ? (
        'not installed'
      ) : (
        <StatusBadge key="h" tone={c.readyEndpoints > 0 ? 'ok' : 'fail'}>
          {c.readyEndpoints} ready endpoint{c.readyEndpoints === 1 ? '' : 's'}
        </StatusBadge>
      ),
    ],
    ['Deployed', <Time key="d" value={c.lastDeployed} now={now} />],
    [
      'Idle test',
      !c.lastTest ? (
        'never'
      ) : (
        <Link
          key="t"
          href={`/operations/${c.lastTest.operationId}`}
          className="hover:text-indigo-600"
        >
          <StatusBadge tone={!c.lastTest.current ? 'neutral' : c.lastTest.passed ? 'ok' : 'fail'}>
            {c.lastTest.passed ? 'passed' : 'failed'}
            {c.lastTest.current ? '' : ' (older revision)'}
          </StatusBadge>
        </Link>
      ),
    ],
  ];
  if (live)
    facts.push([
      'Live since',
      since ? <Time value={since} now={now} /> : 'switched outside Helmdeck',
    ]);
  return (
    <Panel
      title={
        <span className="flex items-center gap-2 capitalize">
          {c.colour}
          <StatusBadge tone={live ? 'ok' : 'neutral'}>{live ? 'live' : 'idle'}</StatusBadge>
        </span>
      }
      className={live ? 'ring-2 ring-emerald-500/40' : undefined}
    >
      <dl
        className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 px-4 py-3 text-sm"
        data-colour={c.colour}
        data-role={c.role}
      >
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

export function BlueGreenPanel({ view, canAct }: { view: TBlueGreenView; canAct: boolean }) {
  const now = Date.parse(view.readAt);
  const [dialog, setDialog] = useState<TStrategyAction | { deploy: string } | null>(null);
  const target = {
    environment: view.place.environment,
    cluster: view.place.cluster,
    release: view.place.release,
  };
  const live = view.colours.find((c) => c.role === 'live');
  const idle = view.colours.filter((c) => c.role === 'idle');
  const next = idle[0];
  const busy = view.running !== null;
  const testedNow = next?.lastTest?.current && next.lastTest.passed;
  const actions: Array<{
    label: string;
    disabled?: string;
    open: () => void;
    variant?: 'secondary' | 'primary' | 'danger';
  }> = [];
  if (next) {
    actions.push({
      label: `Deploy to ${next.colour}`,
      variant: 'secondary',
      open: () => setDialog({ deploy: next.colour }),
    });
    actions.push({
      label: `Test ${next.colour}`,
      variant: 'secondary',
      disabled: next.installed ? undefined : `${next.release} is not installed`,
      open: () =>
        setDialog({
          kind: 'test_idle',
          title: `Test idle colour ${next.colour}`,
          body: (
            <>
              Health, version and smoke checks against service <code>{next.service}</code> through
              the Kubernetes services proxy. No traffic reaches it.
            </>
          ),
          confirm: 'Run the test',
          params: { colour: next.colour },
        }),
    });
    actions.push({
      label: `Switch traffic to ${next.colour}`,
      disabled: !next.installed
        ? `${next.release} is not installed`
        : testedNow
          ? undefined
          : `Test ${next.colour} revision ${next.revision} first`,
      open: () =>
        setDialog({
          kind: 'switch_traffic',
          title: `Switch traffic from ${live?.colour ?? 'nothing'} to ${next.colour}`,
          body: (
            <>
              One PATCH of {view.router.kind} <code>{view.router.name}</code> sends every request to{' '}
              {next.colour} (chart {next.chartVersion}, image {next.imageTag}); Helmdeck then checks
              the router and the endpoints, and puts traffic back if they do not verify.
            </>
          ),
          confirm: `Switch to ${next.colour}`,
          params: {
            ...(live ? { from: live.colour } : {}),
            to: next.colour,
            version: next.chartVersion ?? undefined,
            imageTag: next.imageTag ?? undefined,
          },
          ticket: view.requireTicket,
        }),
    });
  }
  if (view.switchBackTo && live)
    actions.push({
      label: `Switch back to ${view.switchBackTo}`,
      variant: 'secondary',
      open: () =>
        setDialog({
          kind: 'switch_back',
          title: `Switch back from ${live.colour} to ${view.switchBackTo}`,
          body: (
            <>
              Traffic returns to {view.switchBackTo}, which ran before the last switch. Like a
              rollback this restores what already ran: no ticket needed, freeze windows do not
              apply; it is audited as a restore.
            </>
          ),
          confirm: 'Switch back',
          params: { from: live.colour, to: view.switchBackTo },
        }),
    });
  if (next?.installed && live)
    actions.push({
      label: `Retire ${next.colour}`,
      variant: 'danger',
      disabled: view.retireFrom ? `Offered from ${exactTime(view.retireFrom)}` : undefined,
      open: () =>
        setDialog({
          kind: 'retire_colour',
          title: `Retire ${next.release}`,
          body:
            view.retire === 'uninstall' ? (
              <>
                helm uninstall of {next.release}; switch back to it is no longer possible
                afterwards.
              </>
            ) : (
              <>Scales the Deployments of {next.release} to zero replicas.</>
            ),
          confirm: view.retire === 'uninstall' ? 'Uninstall' : 'Scale to zero',
          params: { colour: next.colour },
          danger: true,
        }),
    });
  return (
    <div className="space-y-4">
      {view.unavailable ? (
        <p
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
        >
          {view.unavailable}
        </p>
      ) : null}
      <Panel
        title="Router"
        aside={view.router.exists ? `${view.router.kind} ${view.router.name}` : undefined}
      >
        <div className="px-4 py-3 text-sm text-slate-700" data-testid="router">
          {!view.router.exists ? (
            <>
              The router {view.router.kind} <code>{view.router.name}</code> does not exist in{' '}
              {view.place.namespace}; create it, then switch.
            </>
          ) : (
            <>
              Traffic goes to <strong data-testid="live-colour">{view.live ?? 'no colour'}</strong>{' '}
              (backend {view.router.targets.join(', ') || 'none'}), read from the cluster now.
              {view.router.mixed ? (
                <span className="ml-1 text-amber-700">
                  The router points at both colours: a switch was half done by hand.
                </span>
              ) : null}
            </>
          )}
        </div>
      </Panel>
      <div className="grid gap-4 md:grid-cols-2">
        {[...(live ? [live] : []), ...idle].map((c) => (
          <ColourCard key={c.colour} c={c} now={now} since={view.liveSince} />
        ))}
      </div>
      {view.running ? (
        <p className="text-sm text-slate-700">
          <Link href={`/operations/${view.running.id}`} className="text-indigo-700 hover:underline">
            Operation #{view.running.id} ({view.running.kind})
          </Link>{' '}
          is running; one operation at a time across both colours and the router.
        </p>
      ) : null}
      {canAct ? (
        <div className="flex flex-wrap gap-2" aria-label="Blue/green actions">
          {actions.map((a) => (
            <Button
              key={a.label}
              variant={a.variant ?? 'primary'}
              disabled={busy || a.disabled !== undefined}
              title={a.disabled}
              onClick={a.open}
            >
              {a.label}
            </Button>
          ))}
        </div>
      ) : null}
      {dialog && 'deploy' in dialog ? (
        <DeployDialog
          kind="deploy_idle"
          colour={dialog.deploy}
          target={target}
          onClose={() => setDialog(null)}
        />
      ) : dialog ? (
        <StrategyActionDialog action={dialog} target={target} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
