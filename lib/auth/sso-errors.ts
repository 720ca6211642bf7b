// What the sign-in page says when single sign-on comes back with an error
// code (better-auth's callback codes, the provider's OAuth codes, ours).
// Codes only: a description in the URL could say anything, so it is not shown.

const VERIFY =
  "Single sign-on failed: the identity provider's answer did not pass Helmdeck's checks (issuer, audience, signature, expiry, nonce). Try again; if it keeps failing, your admin finds the reason in Helmdeck's log.";

const MESSAGES: Record<string, string> = {
  sso_unavailable:
    'The identity provider cannot be reached right now. Try again in a moment, or ask your admin.',
  access_denied: 'Sign-in was cancelled or refused at the identity provider.',
  login_required: 'The identity provider asks you to sign in again.',
  state_mismatch: 'This sign-in was started in another tab or took too long. Start it again.',
  please_restart_the_process: 'This sign-in took too long. Start it again.',
  state_not_found: 'This sign-in took too long. Start it again.',
  unable_to_get_user_info: VERIFY,
  invalid_code: VERIFY,
  issuer_mismatch: VERIFY,
  nonce_binding_missing: VERIFY,
  email_not_found: 'Your identity provider did not tell Helmdeck your email address.',
  account_not_linked:
    'A Helmdeck user with your email exists, but the identity provider did not confirm the address, so it was not linked. Ask your admin.',
  unable_to_link_account:
    'A Helmdeck user with your email exists and could not be linked to your single sign-on. Ask your admin.',
  signup_disabled: 'Your identity provider account has no Helmdeck user yet. Ask your admin.',
};

/** The message for an error code on /sign-in?error=..., or null for no or an unknown code. */
export function ssoErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? 'Single sign-on failed. Try again, or ask your admin.';
}
