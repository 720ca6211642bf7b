// CSV export of the audit log, for auditors' spreadsheets.
import { getPrisma } from '@/lib/db';
import { HASHED_FIELDS } from './hash';
import type { TViewScope } from '@/lib/policy/read-access';
import { auditWhere, toEntry, type TAuditEntry, type TAuditFilters } from './list-audit';

const COLUMNS = ['seq', ...HASHED_FIELDS, 'hash'] as const satisfies readonly (keyof TAuditEntry)[];

const MAX_ROWS = 100_000;
const BATCH = 2000;

/** One cell: quoted when needed; a leading = + - @ is defused so spreadsheets show text, not formulas. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The matching records, oldest first, as CSV text with a header row (at most 100 000 rows). */
export async function auditCsv(
  filters: TAuditFilters = {},
  scope: TViewScope = 'all',
): Promise<string> {
  const prisma = await getPrisma();
  const where = auditWhere(filters, scope);
  const lines = [COLUMNS.join(',')];
  let after: bigint | undefined;
  while (lines.length <= MAX_ROWS) {
    const rows = await prisma.auditRecord.findMany({
      where: after === undefined ? where : { AND: [where, { seq: { gt: after } }] },
      orderBy: { seq: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      const e = toEntry(row);
      lines.push(COLUMNS.map((c) => csvCell(e[c])).join(','));
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)?.seq;
  }
  return `${lines.slice(0, MAX_ROWS + 1).join('\r\n')}\r\n`;
}
