// Who may ask what: the Host a request names (DNS rebinding) and whether the browser marks it as
// sent by another site (CSRF). Requests without browser headers (curl, the CLI) pass the site check.
import type { IncomingHttpHeaders } from 'node:http';

export type RequestPolicy = {
  /** With a token, a rebinding page cannot read anything anyway, so any Host is served. */
  tokenSet: boolean;
  /** HOST and SWITCHBOARD_ALLOWED_HOSTS, lower-case host names. */
  allowedHosts: string[];
  /** SWITCHBOARD_ALLOWED_HOSTS only: the names a proxy in front may serve this app under. */
  publicHosts: string[];
};

const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/** The host name of a Host header or an origin's authority, normalized; null when it is not one. */
export function hostName(authority: string | undefined): string | null {
  if (!authority) return null;
  try {
    return new URL(`http://${authority}`).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export function requestPolicy(options: { host: string; allowedHosts: string[]; tokenSet: boolean }): RequestPolicy {
  const bound = hostName(options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host);
  const publicHosts = options.allowedHosts.map((name) => hostName(name) ?? name);
  return {
    tokenSet: options.tokenSet,
    allowedHosts: [...(bound && !WILDCARD_BINDS.has(bound) ? [bound] : []), ...publicHosts],
    publicHosts,
  };
}

export function hostIsServed(headers: IncomingHttpHeaders, policy: RequestPolicy): boolean {
  if (policy.tokenSet) return true;
  const name = hostName(headers.host);
  return name !== null && (isLoopbackName(name) || policy.allowedHosts.includes(name));
}

/**
 * True when the browser says another site sent this request. Same-site is refused too: a page on
 * another port of this machine is same-site, and not this app.
 */
export function isCrossSite(headers: IncomingHttpHeaders, policy: RequestPolicy): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  let authority: string;
  try {
    authority = new URL(origin).host.toLowerCase();
  } catch {
    return true; // "null" (sandboxed frames, file://) or garbage: not this server's own page
  }
  if (authority === (headers.host ?? '').toLowerCase()) return false;
  // Behind a proxy that rewrites Host, the public name is the one the browser shows.
  const name = hostName(authority);
  return name === null || !policy.publicHosts.includes(name);
}
