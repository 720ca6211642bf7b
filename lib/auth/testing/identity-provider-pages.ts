// The identity provider's own pages: plain HTML with inline styles, nothing
// loaded from elsewhere (oidc-provider's defaults pull web fonts).

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;background:#f1f5f9;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:24px;width:320px}
h1{font-size:18px;margin:0 0 4px}p{color:#475569;font-size:14px}
label{display:block;font-size:13px;font-weight:600;margin:12px 0 4px}
input{box-sizing:border-box;width:100%;padding:8px;border:1px solid #94a3b8;border-radius:6px}
button{margin-top:16px;width:100%;padding:9px;border:0;border-radius:6px;background:#0f766e;color:#fff;font-weight:600;cursor:pointer}
.error{color:#9f1239;background:#fff1f2;border:1px solid #fecdd3;border-radius:6px;padding:8px}`;

/** A page of the provider; `body` is trusted HTML built here. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Helmdeck demo identity provider</title><style>${STYLE}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

export function loginPage(uid: string, email: string, error?: string): string {
  return page(
    'Identity provider sign-in',
    `<p>Sign in to continue to Helmdeck.</p>
<form method="post" action="/interaction/${escape(uid)}/login" aria-label="Identity provider sign-in">
${error ? `<p role="alert" class="error">${escape(error)}</p>` : ''}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="${escape(email)}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Continue</button></form>`,
  );
}
