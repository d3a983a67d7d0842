// Reads uploads off the server's thread: a worker with a heap limit, stopped when a file takes
// longer than the time limit, and replaced by a fresh one for the next file. While it reads,
// health checks and turns keep their thread; files queue for the one worker (two cores).
import { Worker } from 'node:worker_threads';
import type { ReadAnswer, ReadJob } from './document-worker.ts';
import type { DocumentRead } from './read-document.ts';
import { READ_LIMITS, type ReadLimits } from './read-limits.ts';

type Pending = { job: ReadJob; resolve: (read: DocumentRead) => void };

/** An idle worker is stopped after this long, so what it held goes back to the system. */
const IDLE_MS = 10_000;

export class DocumentReader {
  readonly #limits: ReadLimits;
  readonly #queue: Pending[] = [];
  #worker: Worker | null = null;
  #current: Pending | null = null;
  #deadline: NodeJS.Timeout | undefined;
  #idle: NodeJS.Timeout | undefined;
  #ids = 0;

  constructor(limits: ReadLimits = READ_LIMITS) {
    this.#limits = limits;
  }

  read(name: string, content: Buffer): Promise<DocumentRead> {
    // A copy the worker owns (it is transferred, not cloned); the caller keeps the bytes it stores.
    const job = { id: ++this.#ids, name, content: new Uint8Array(content) };
    return new Promise((resolve) => {
      this.#queue.push({ job, resolve });
      this.#next();
    });
  }

  #next(): void {
    if (this.#current) return;
    const pending = this.#queue.shift();
    if (!pending) {
      this.#idle = setTimeout(() => this.#stop(), IDLE_MS).unref();
      return;
    }
    clearTimeout(this.#idle);
    this.#current = pending;
    const worker = this.#worker ?? this.#start();
    this.#deadline = setTimeout(() => this.#replace(worker, 'too-slow'), this.#limits.timeMs);
    worker.postMessage(pending.job, [pending.job.content.buffer as ArrayBuffer]);
  }

  #start(): Worker {
    const worker = new Worker(new URL('./document-worker.ts', import.meta.url), {
      workerData: this.#limits,
      resourceLimits: { maxOldGenerationSizeMb: this.#limits.memoryMb, maxYoungGenerationSizeMb: 32 },
    });
    // An idle worker never keeps the process alive at shutdown.
    worker.unref();
    worker.on('message', (answer: ReadAnswer) => {
      if (this.#current?.job.id === answer.id) this.#settle(answer.read);
    });
    worker.on('error', (error: NodeJS.ErrnoException) =>
      this.#replace(worker, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too-big' : 'unreadable'),
    );
    worker.on('exit', () => this.#replace(worker, 'unreadable'));
    this.#worker = worker;
    return worker;
  }

  #settle(read: DocumentRead): void {
    clearTimeout(this.#deadline);
    const done = this.#current;
    this.#current = null;
    done?.resolve(read);
    this.#next();
  }

  /** The worker is past a limit (or died): it is stopped, its file refused, and the next file gets a fresh one. */
  #replace(worker: Worker, reason: 'too-slow' | 'too-big' | 'unreadable'): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    void worker.terminate();
    if (this.#current) this.#settle({ ok: false, reason });
  }

  #stop(): void {
    if (this.#worker && !this.#current) this.#replace(this.#worker, 'unreadable');
  }
}

/** The server's one reader: its worker starts with the first upload. */
export const documentReader = new DocumentReader();
