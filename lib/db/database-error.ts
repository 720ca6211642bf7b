// Expected database failures, each told in one message that names the cause
// and the fix, meant to be printed as is (no stack trace).

export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
    // Printed by an uncaught handler, a stack would bury the message.
    this.stack = `${this.name}: ${message}`;
  }
}

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

const FIX_URL =
  'correct DATABASE_URL, or unset it to use the embedded Postgres under HELMDECK_DATA_DIR/pg';

/** Turns a pg connection failure for DATABASE_URL into a DatabaseError. */
export function unreachableError(url: string, error: unknown): DatabaseError {
  const e = error as { code?: string; message?: string };
  let where = { host: '?', port: '5432', user: '?', database: '?' };
  try {
    const u = new URL(url);
    where = {
      host: u.hostname,
      port: u.port || '5432',
      user: decodeURIComponent(u.username),
      database: decodeURIComponent(u.pathname.slice(1)),
    };
  } catch {
    // keep the placeholders
  }
  const at = `${where.host}:${where.port}`;
  const [cause, fix] = ((): [string, string] => {
    switch (e.code) {
      case 'ECONNREFUSED':
        return [`nothing accepts connections at ${at}`, `start Postgres there, or ${FIX_URL}`];
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return [`the host "${where.host}" cannot be resolved`, FIX_URL];
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return [`no answer from ${at}`, `check the network and firewall, or ${FIX_URL}`];
      case '28P01':
        return [`the password for user "${where.user}" was refused`, FIX_URL];
      case '28000':
        return [
          `the server refuses user "${where.user}" (no such role or no pg_hba.conf entry)`,
          FIX_URL,
        ];
      case '3D000':
        return [
          `the database "${where.database}" does not exist on ${at}`,
          `create it (CREATE DATABASE "${where.database}"), or ${FIX_URL}`,
        ];
      case '57P03':
        return [
          `the server at ${at} is starting up or shutting down`,
          'wait for it and start Helmdeck again',
        ];
      default:
        if (/timeout/i.test(e.message ?? ''))
          return [`no answer from ${at} in time`, `check the server, or ${FIX_URL}`];
        return [e.message ?? String(error), FIX_URL];
    }
  })();
  return new DatabaseError(
    `cannot reach the database at ${redactUrl(url)}: ${cause}.\nFix: ${fix}.`,
  );
}
