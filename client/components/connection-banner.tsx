import { useEffect, useState } from 'react';
import { useConnection } from '../hooks/use-connection.ts';

/** Seconds until `at`, ticking once a second while there is a time to count down to. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (at === null) return;
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(tick);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1_000));
}

/** Says plainly when Switchboard cannot be reached, that nothing typed is lost, and when it tries again. */
export function ConnectionBanner() {
  const { connection, checkNow, checking, nextCheckAt } = useConnection();
  const seconds = useSecondsUntil(connection === 'online' ? null : nextCheckAt);
  if (connection === 'online') return null;
  const next = checking ? 'Checking…' : seconds ? `Trying again in ${seconds} s.` : 'Trying again…';
  return (
    <div className="banner warn offline" data-testid="connection-banner">
      {/* Only the news is announced; the countdown beside it would be read out every second. */}
      <span>
        <span role="status">
          <strong>{connection === 'offline' ? 'You are offline.' : 'Switchboard cannot be reached.'}</strong> What you type is
          kept here and can be sent once the connection is back.
        </span>{' '}
        <span data-testid="next-check">{next}</span>
      </span>
      {/* Never disabled: a press while a check runs joins that check instead of starting another. */}
      <button type="button" className="small" onClick={checkNow}>
        Check now
      </button>
    </div>
  );
}
