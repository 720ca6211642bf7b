// A ticket's values (and the diff rendered from them) as everyone but its
// requester and its approvers sees them, and as every API answer carries
// them: the secret strings of the values, wherever they appear, and every
// credential-shaped part become markers. The YAML stays readable otherwise.
import { redactText, secretsOf } from '@/lib/releases/redact';
import { valuesFromYaml } from '@/lib/values';
import type { TTicketView } from './ticket-view';

function secretsOfYaml(values: string): string[] {
  try {
    return secretsOf(valuesFromYaml(values));
  } catch {
    // Unparsable values are masked by shape alone.
    return [];
  }
}

/** `view` with its rendered diff (and `values`, when it has them) redacted. */
export function redactTicket<T extends TTicketView & { values?: string }>(
  view: T,
  values = view.values ?? '',
): T {
  const known = secretsOfYaml(values);
  const diff = view.ticket.renderedDiff;
  return {
    ...view,
    ticket: { ...view.ticket, renderedDiff: diff ? redactText(diff, known) : diff },
    ...(view.values === undefined ? {} : { values: redactText(view.values, known) }),
  };
}

/** A stored ticket row as the write verbs answer it: values and rendered diff redacted. */
export function redactTicketRow<R extends { values: string | null; renderedDiff: string | null }>(
  row: R,
): R {
  const known = secretsOfYaml(row.values ?? '');
  return {
    ...row,
    values: row.values === null ? null : redactText(row.values, known),
    renderedDiff: row.renderedDiff === null ? null : redactText(row.renderedDiff, known),
  };
}
