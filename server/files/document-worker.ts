// The document worker's thread: reads the files it is sent, one at a time, and answers each.
import { parentPort, workerData } from 'node:worker_threads';
import { type DocumentRead, readDocument } from './read-document.ts';
import type { ReadLimits } from './read-limits.ts';

export type ReadJob = { id: number; name: string; content: Uint8Array };
export type ReadAnswer = { id: number; read: DocumentRead };

const limits = workerData as ReadLimits;
parentPort!.on('message', async (job: ReadJob) => {
  // A parser's own failure on a malformed file is that file's problem, never the worker's.
  const read = await readDocument(job.name, job.content, limits).catch((): DocumentRead => ({ ok: false, reason: 'unreadable' }));
  parentPort!.postMessage({ id: job.id, read } satisfies ReadAnswer);
});
