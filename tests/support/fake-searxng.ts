// A local stand-in for SearXNG's JSON API (GET /search?q=…&format=json), so the web_search tool
// runs its real HTTP path in tests. Like SearXNG, it refuses format=json unless it is enabled.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SearxResult = { title: string; url: string; content: string };

export type FakeSearxng = {
  url: string;
  /** Every query received, in order. */
  queries: string[];
  /** Results for the next searches; a number answers with that HTTP status instead. */
  answerWith(answer: SearxResult[] | number): void;
  close(): Promise<void>;
};

export async function startFakeSearxng(initial: SearxResult[] | number = []): Promise<FakeSearxng> {
  let answer = initial;
  const queries: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== '/search') {
      res.writeHead(404).end();
      return;
    }
    if (url.searchParams.get('format') !== 'json') {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('format not enabled');
      return;
    }
    const query = url.searchParams.get('q') ?? '';
    queries.push(query);
    if (typeof answer === 'number') {
      res.writeHead(answer, { 'content-type': 'text/html' }).end('<h1>error</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ query, number_of_results: answer.length, results: answer }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    answerWith: (next) => (answer = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
