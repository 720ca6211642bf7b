// Per-user API tokens: stored as SHA-256 hashes with a display prefix,
// revocable, last use recorded; request authentication by token or session.
export {
  ApiTokenError,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  verifyApiToken,
  type TApiTokenSummary,
} from './api-tokens';
export { authenticateRequest, type TApiPrincipal, type TAuthResult } from './authenticate';
export { ensureDemoTokens } from './demo-tokens';
export { displayPrefix, generateApiToken, hashApiToken, looksLikeApiToken } from './token';
