// What a browser does during single sign-on, for integration tests without
// one: keeps cookies per host (like a browser, ports share them) and follows
// redirects between the identity provider (real HTTP) and Helmdeck's auth
// endpoints (the better-auth handler, called in-process).

export interface THelmdeckEndpoint {
  origin: string;
  handler: (request: Request) => Promise<Response>;
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly helmdeck: THelmdeckEndpoint) {}

  /** The Cookie header this browser sends to `url`. */
  cookieHeader(url: string): string {
    const cookies = this.jar.get(new URL(url).hostname) ?? new Map<string, string>();
    return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  hasCookie(url: string, name: RegExp): boolean {
    return [...(this.jar.get(new URL(url).hostname)?.keys() ?? [])].some((k) => name.test(k));
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('cookie', cookie);
    const target = new URL(url);
    const response =
      target.origin === this.helmdeck.origin
        ? await this.helmdeck.handler(new Request(url, { ...init, headers, redirect: 'manual' }))
        : await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(target.hostname, response.headers.getSetCookie());
    return response;
  }

  /**
   * Follows redirects from `url`; stops at the first answer that is not a
   * redirect, or at a redirect into Helmdeck's pages (outside /api/auth),
   * which the in-process handler does not serve. Returns that last URL.
   */
  async follow(url: string, init: RequestInit = {}): Promise<{ url: string; response: Response }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 20; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) break;
      const next = new URL(location, current);
      current = next.href;
      if (next.origin === this.helmdeck.origin && !next.pathname.startsWith('/api/auth/')) break;
      response = await this.request(current);
    }
    return { url: current, response };
  }

  private store(host: string, setCookies: string[]): void {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.trim().split('=');
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(eq + 1).trim());
    }
  }
}
