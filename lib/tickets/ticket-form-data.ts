// What the ticket form edits (every field as text, as the inputs hold it),
// and the choices and defaults it needs, read on the server.
import { runtimeConfig } from '@/lib/runtime';
import type { TTicketDetail } from './get-ticket';

/** A ticket as the form fields hold it. */
export type TTicketFormValues = {
  release: string;
  environment: string;
  clusters: string[];
  chartVersion: string;
  imageTag: string;
  values: string;
  rollbackRevision: string;
  rollbackSteps: string;
  windowStart: string;
  windowEnd: string;
  timeZone: string;
  stakeholders: string;
  externalRef: string;
  risk: string;
  title: string;
  description: string;
  renderedDiff: string;
};

export function formChoices() {
  const config = runtimeConfig();
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
