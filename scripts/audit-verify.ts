// `npm run audit:verify`: re-computes the keyed audit hash chain of
// DATABASE_URL (or the embedded Postgres), checks it against the chain head
// kept outside the database (HELMDECK_AUDIT_DIR, default HELMDECK_DATA_DIR)
// and names the first broken record. Exit 0 when intact, 1 when broken, 2
// when the database or the key cannot be read.
import { closeDatabase, DatabaseError } from '../lib/db';
import { getAuditRecord, verifyAuditChain } from '../lib/audit';

try {
  const result = await verifyAuditChain();
  if (result.ok) {
    console.log(
      `audit chain intact: ${result.count} records, up to the chain head #${result.headSeq} kept outside the database`,
    );
  } else {
    const r = await getAuditRecord(result.firstBrokenSeq);
    const what = r
      ? ` (${r.at.toISOString()} ${r.actorName ?? r.actor} ${r.action} ${r.outcome}${r.release ? ` ${r.environment ?? ''}/${r.release}` : ''})`
      : '';
    console.error(
      `audit chain BROKEN at record #${result.firstBrokenSeq}${what}: ${result.reason}`,
    );
    console.error(`${result.count} records before it verify.`);
  }
  await closeDatabase();
  process.exit(result.ok ? 0 : 1);
} catch (e) {
  console.error(e instanceof DatabaseError ? e.message : e);
  await closeDatabase().catch(() => {});
  process.exit(2);
}
