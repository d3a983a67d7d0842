import { useConnection } from '../hooks/use-connection.ts';

/** Says plainly when Switchboard cannot be reached, and that nothing typed is lost. */
export function ConnectionBanner() {
  const { connection, checkNow, checking } = useConnection();
  if (connection === 'online') return null;
  return (
    <div className="banner warn offline" role="status" data-testid="connection-banner">
      <span>
        <strong>{connection === 'offline' ? 'You are offline.' : 'Switchboard cannot be reached.'}</strong> What you type is kept
        here and can be sent once the connection is back. Reconnecting automatically…
      </span>
      <button type="button" className="small" onClick={checkNow} disabled={checking}>
        {checking ? 'Checking…' : 'Check now'}
      </button>
    </div>
  );
}
