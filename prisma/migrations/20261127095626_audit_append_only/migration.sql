-- Hand-written: audit records are append-only, enforced by the database so
-- that no code path (nor anyone holding the app's credentials) can rewrite
-- history. Statement-level triggers fire even when no row matches, so every
-- UPDATE, DELETE and TRUNCATE of "audit_record" is refused.
-- (A superuser or the table owner can still disable triggers; the hash chain
-- makes such tampering detectable.)

CREATE FUNCTION "audit_record_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Default SQLSTATE P0001: Prisma shows its message as is (a constraint
  -- code would be reported as a foreign key violation).
  RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP
    USING HINT = 'Audit records can only be inserted.';
END;
$$;

CREATE TRIGGER "audit_record_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_record"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_record_refuse_change"();

CREATE TRIGGER "audit_record_no_truncate"
  BEFORE TRUNCATE ON "audit_record"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_record_refuse_change"();
