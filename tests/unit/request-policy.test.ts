// Which Host and Origin headers count as this server's own, with and without a proxy name.
import { describe, expect, it } from 'vitest';
import { hostIsServed, isCrossSite, requestPolicy } from '../../server/http/request-policy.ts';

const local = requestPolicy({ host: '127.0.0.1', allowedHosts: [], tokenSet: false });
const lan = requestPolicy({ host: '0.0.0.0', allowedHosts: ['Switchboard.Example.com'], tokenSet: false });

describe('hostIsServed', () => {
  it.each(['127.0.0.1:3000', '127.1:3000', 'localhost', 'LocalHost.:3000', 'app.localhost:3000', '[::1]:3000'])(
    'serves %s',
    (host) => {
      expect(hostIsServed({ host }, local)).toBe(true);
    },
  );
  it.each([
    undefined,
    '',
    'evil.example',
    '127.0.0.1.evil.example',
    'localhost.evil.example:3000',
    '0.0.0.0:3000',
    '[::]',
    '192.168.1.5',
  ])('refuses %j without a token', (host) => expect(hostIsServed({ host }, local)).toBe(false));
  it('serves SWITCHBOARD_ALLOWED_HOSTS in any case, never the wildcard bind address', () => {
    expect(hostIsServed({ host: 'switchboard.example.com' }, lan)).toBe(true);
    expect(hostIsServed({ host: '0.0.0.0:3000' }, lan)).toBe(false);
  });
  it('serves a LAN address HOST names', () => {
    expect(
      hostIsServed({ host: '192.168.1.5:3000' }, requestPolicy({ host: '192.168.1.5', allowedHosts: [], tokenSet: false })),
    ).toBe(true);
  });
  it('serves any Host once a token guards the API', () => {
    expect(hostIsServed({ host: 'evil.example' }, requestPolicy({ host: '127.0.0.1', allowedHosts: [], tokenSet: true }))).toBe(
      true,
    );
  });
});

describe('isCrossSite', () => {
  const host = '127.0.0.1:3000';
  it.each([
    [{ host }, false],
    [{ host, 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:3000' }, false],
    [{ host, 'sec-fetch-site': 'none' }, false],
    [{ host, 'sec-fetch-site': 'cross-site' }, true],
    [{ host, 'sec-fetch-site': 'same-site' }, true],
    [{ host, origin: 'http://127.0.0.1:8080' }, true],
    [{ host, origin: 'null' }, true],
    [{ host, origin: 'http://evil.example' }, true],
  ])('%j → %s', (headers, expected) => expect(isCrossSite(headers, local)).toBe(expected));

  it('accepts the public name behind a proxy that rewrites Host, and only that', () => {
    expect(isCrossSite({ host: '127.0.0.1:3000', origin: 'https://switchboard.example.com' }, lan)).toBe(false);
    expect(isCrossSite({ host: '127.0.0.1:3000', origin: 'https://evil.example' }, lan)).toBe(true);
  });
});
