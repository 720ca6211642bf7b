// Config and defaults the ticket form needs, read on the server.
import type { TTicketFormValues } from '@/components/tickets/ticket-form';
import { operationsRuntime } from '@/lib/operations';
import type { TTicketDetail } from '@/lib/tickets';

export function formChoices() {
  const { config } = operationsRuntime();
  return {
    environments: config.environments.map((e) => ({
      name: e.name,
      clusters: e.clusters.map((c) => c.name),
    })),
    releases: config.releases.map((r) => ({ name: r.name, promotion: r.promotion })),
  };
}

// datetime-local wants "YYYY-MM-DDTHH:MM" in the window's zone; the form defaults to UTC.
const utcLocal = (d: Date) => d.toISOString().slice(0, 16);

export function newTicketDefaults(): TTicketFormValues {
  const { environments, releases } = formChoices();
  const env = environments.find((e) => e.name === 'production') ?? environments[0];
  const now = Date.now();
  return {
    release: releases[0]?.name ?? '',
    environment: env?.name ?? '',
    clusters: env?.clusters.slice(0, 1) ?? [],
    chartVersion: '',
    imageTag: '',
    values: '',
    rollbackRevision: '',
    rollbackSteps: '',
    windowStart: utcLocal(new Date(now - 5 * 60_000)),
    windowEnd: utcLocal(new Date(now + 4 * 3_600_000)),
    timeZone: 'UTC',
    stakeholders: '',
    externalRef: '',
    risk: 'medium',
    title: '',
    description: '',
    renderedDiff: '',
  };
}

export function ticketFormValues(d: TTicketDetail): TTicketFormValues {
  const t = d.ticket;
  const zone = t.windowTimezone ?? 'UTC';
  const inZone = (x: Date | null) => {
    if (!x) return '';
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(x)
        .map((q) => [q.type, q.value]),
    );
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  };
  return {
    release: t.release,
    environment: t.environment,
    clusters: t.clusters,
    chartVersion: t.chartVersion ?? '',
    imageTag: t.imageTag ?? '',
    values: d.values,
    rollbackRevision: t.rollbackTo ? String(t.rollbackTo) : '',
    rollbackSteps: t.rollbackPlan ?? '',
    windowStart: inZone(t.windowStart),
    windowEnd: inZone(t.windowEnd),
    timeZone: zone,
    stakeholders: t.stakeholders.join(', '),
    externalRef: t.externalRef ?? '',
    risk: t.risk,
    title: t.title ?? '',
    description: t.description ?? '',
    renderedDiff: t.renderedDiff ?? '',
  };
}
