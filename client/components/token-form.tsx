// Asked once when the server answers UNAUTHORIZED; the token is kept in this browser.
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { saveToken, useTokenState } from '../access-token.ts';

export function TokenForm() {
  const { needed, rejected } = useTokenState();
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  if (!needed) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) return;
    saveToken(token.trim());
    setToken('');
    void queryClient.invalidateQueries();
  };

  return (
    <div className="overlay">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="token-title" onSubmit={submit}>
        <h2 id="token-title">Access token</h2>
        <p className="muted">
          {rejected
            ? 'The server did not accept the saved token. Enter the current one.'
            : 'This Switchboard is protected. Enter the token set as SWITCHBOARD_TOKEN on the server.'}
        </p>
        <label className="field">
          <span className="label-text">Token</span>
          <input
            type="password"
            autoComplete="current-password"
            autoFocus
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={!token.trim()}>
          Continue
        </button>
      </form>
    </div>
  );
}
