// Notices a lock session that broke. Postgres drops a session's advisory locks with the session,
// so from then on another instance may take the conversation and the holder must stop. The
// client's 'error'/'end' events catch a closed or reset connection at once; a `select 1` every
// `pingMs` catches one that went silent (no FIN or RST: a partition, a frozen proxy).
import type pg from 'pg';
import { LockLostError } from './turn-lock.ts';

export type SessionWatch = { lost: AbortSignal; stop(): void };

export function watchSession(session: pg.PoolClient, pingMs: number): SessionWatch {
  const controller = new AbortController();
  let stopped = false;
  let pinging = false;
  const lose = (cause?: unknown) => {
    if (stopped) return;
    stop();
    controller.abort(new LockLostError({ cause }));
  };
  const onError = (error: Error) => lose(error);
  const onEnd = () => lose();
  const timer = setInterval(() => {
    // A ping still unanswered after a whole interval: the session cannot prove it holds anything.
    if (pinging) return lose(new Error(`lock session did not answer within ${pingMs} ms`));
    pinging = true;
    session.query('select 1').then(
      () => (pinging = false),
      (error: unknown) => lose(error),
    );
  }, pingMs);
  timer.unref();
  session.on('error', onError);
  session.on('end', onEnd);

  function stop() {
    stopped = true;
    clearInterval(timer);
    session.off('error', onError);
    session.off('end', onEnd);
  }
  return { lost: controller.signal, stop };
}
