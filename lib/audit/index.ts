// The audit log: append-only, hash-chained writer and its readers.
export {
  appendAudit,
  AUDIT_TX_OPTIONS,
  recordAudit,
  type TAuditInput,
  type TAuditOutcome,
} from './append-audit';
export { auditCsv, csvCell } from './audit-csv';
export { auditDir, auditKey, setAuditDir } from './audit-key';
export { chainHeadFile, readChainHead, type TChainHead } from './chain-head';
export { GENESIS_HASH, legacyRecordHash, recordHash } from './hash';
export { publishChainHead } from './publish-head';
export {
  getAuditRecord,
  listAudit,
  ZAuditFilters,
  ZAuditPage,
  type TAuditEntry,
  type TAuditFilters,
  type TAuditPage,
} from './list-audit';
export { verifyAuditChain, type TAuditChainResult } from './verify-chain';
export { filtersFrom, FILTER_KEYS, queryOf } from './url-filters';
