// Cross-site request forgery, as a page on another site would try it with
// the release manager's browser: a "simple" request (text/plain, no
// preflight) with the session cookie and a foreign Origin, and a server
// action posted from a foreign Origin with X-Forwarded-Host set to match it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoUser, signIn, signInToOverview } from './helpers';

const EVIL = 'http://evil.example:8080';

function demoToken(email: string): string {
  const file = path.resolve('.helmdeck/e2e/demo/tokens.json');
  const token = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[email];
  if (!token) throw new Error(`no demo token for ${email}`);
  return token;
}

// A draft ticket for staging: nothing runs until it is submitted, approved and deployed.
const ticket = () => ({
  release: 'alpha-members',
  environment: 'staging',
  clusters: ['staging'],
  chartVersion: '1.0.0',
  values: '',
  rollbackPlan: { steps: ['roll back to the previous revision'] },
  maintenanceWindow: {
    start: new Date(Date.now() + 3_600_000).toISOString(),
    end: new Date(Date.now() + 7_200_000).toISOString(),
    timeZone: 'UTC',
  },
  externalRef: `CSRF-${Date.now()}`,
  risk: 'low',
});

test('a cookie-authenticated write from a foreign page is refused; the same write with an API token works', async ({
  page,
  request,
  baseURL,
}) => {
  const rm = demoUser('release_manager');
  await signInToOverview(page, rm.email, rm.password);
  const body = ticket();

  // What a no-cors fetch or a form on another site sends: the cookie rides along.
  const forged = await page.request.post('/api/v1/tickets', {
    headers: { origin: EVIL, 'content-type': 'text/plain;charset=UTF-8' },
    data: JSON.stringify(body),
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({
    code: 'forbidden',
    error: expect.stringContaining('Cross-site request refused') as unknown,
  });
  // A same-origin page that still posts text/plain is refused too: only JSON needs a preflight.
  const plain = await page.request.post('/api/v1/tickets', {
    headers: { origin: baseURL ?? '', 'content-type': 'text/plain' },
    data: JSON.stringify(body),
  });
  expect(plain.status()).toBe(403);

  const listed = await page.request.get(`/api/v1/tickets?externalRef=${body.externalRef}`);
  expect((await listed.json()).tickets).toEqual([]);

  // A pipeline's request: a bearer token, no cookie, no Origin, any content type.
  const scripted = await request.post('/api/v1/tickets', {
    headers: {
      authorization: `Bearer ${demoToken(rm.email)}`,
      origin: EVIL,
      'content-type': 'text/plain',
    },
    data: JSON.stringify(body),
  });
  expect(scripted.status(), await scripted.text()).toBe(201);
});

test('a server action posted from a foreign Origin is refused, even with X-Forwarded-Host set to match', async ({
  page,
  baseURL,
}) => {
  // Capture the sign-in form's action as the browser posts it.
  const posted = page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await signIn(page, `nobody-${Date.now()}@example.test`, 'wrong-password');
  const action = await posted;
  const replay = (headers: Record<string, string>) =>
    page.request.post('/sign-in', {
      headers: {
        'next-action': action.headers()['next-action'] ?? '',
        'content-type': action.headers()['content-type'] ?? '',
        accept: 'text/x-component',
        ...headers,
      },
      data: action.postData() ?? '',
      failOnStatusCode: false,
    });
  const forged = await replay({ origin: EVIL, 'x-forwarded-host': new URL(EVIL).host });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('Cross-site request refused');
  // The same request from Helmdeck's own page is answered (here: wrong password).
  const own = await replay({ origin: baseURL ?? '' });
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain('Email or password is incorrect.');
});
