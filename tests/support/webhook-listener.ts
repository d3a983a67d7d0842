// A local HTTP listener standing in for Slack or ntfy: records each POST, answers with the status
// the test chooses for that attempt.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { body: unknown; contentType: string | undefined };

export async function webhookListener(statuses: (attempt: number) => number = () => 204) {
  const received: Received[] = [];
  let attempts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      attempts += 1;
      const status = statuses(attempts);
      if (status < 300)
        received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), contentType: req.headers['content-type'] });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/secret-path`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
