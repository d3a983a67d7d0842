// Serves the built SPA; unknown paths get index.html so client routes (/c/:id) survive a reload.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function serveStatic(root: string) {
  const index = join(root, 'index.html');
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodePath(req.url ?? '/');
    if (path === null) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('This address is malformed: it has a broken percent-escape (like %ZZ).');
      return;
    }
    const candidate = normalize(join(root, path));
    const inside = candidate.startsWith(root + sep);
    const file = inside && isFile(candidate) ? candidate : index;
    if (!isFile(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The web client is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    const immutable = file !== index && path.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(file === index ? { 'content-security-policy': CSP } : {}),
    });
    createReadStream(file)
      // A file removed or unreadable after the check: end this response, not the process.
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

function decodePath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // a NUL byte (%00) in the path, a name too long, no permission
  }
}

// No inline scripts and no third-party origins: markup a model echoes back cannot run.
// blob: images are files fetched with the token (client/hooks/use-file-url.ts); only this app's own scripts can make them.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
