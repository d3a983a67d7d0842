// "Connections": the owner's MCP servers of the business the app works in, each with its tools
// (reads run, writes ask) and its state; remote servers added, edited and removed here, and an
// "always allow" taken back. Header values are sent, never shown: the server never returns them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';
import type { RouterOutputs } from '../api-types.ts';
import { useTRPC } from '../trpc.ts';

type Connection = RouterOutputs['connections']['list'][number];

function useConnectionActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries(trpc.connections.list.pathFilter());
  return {
    add: useMutation(trpc.connections.add.mutationOptions({ onSettled })),
    update: useMutation(trpc.connections.update.mutationOptions({ onSettled })),
    remove: useMutation(trpc.connections.remove.mutationOptions({ onSettled })),
  };
}

/** A form field's text, trimmed ("" when absent). */
const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** An access token as the header a remote server gets; nothing when none was typed. */
const bearer = (token: string) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});

/** A connection form's end: why the server refused it, and its submit button. */
function SubmitRow({ mutation, label }: { mutation: { error: { message: string } | null; isPending: boolean }; label: string }) {
  return (
    <>
      {mutation.error && (
        <p className="field-error" role="alert">
          {mutation.error.message}
        </p>
      )}
      <button type="submit" className="primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Connecting…' : label}
      </button>
    </>
  );
}

function ExpertChoice({ chosen, onChange }: { chosen: ExpertName[]; onChange: (experts: ExpertName[]) => void }) {
  return (
    <fieldset className="expert-choice">
      <legend className="small muted">Experts who may use it</legend>
      {EXPERT_NAMES.map((name) => (
        <label key={name}>
          <input
            type="checkbox"
            checked={chosen.includes(name)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, name] : chosen.filter((n) => n !== name))}
          />{' '}
          {name}
        </label>
      ))}
    </fieldset>
  );
}

function ConnectionItem({ connection }: { connection: Connection }) {
  const { update, remove } = useConnectionActions();
  const fromApi = connection.source === 'api';
  return (
    <li className="connection" data-testid="connection">
      <h3>
        {connection.name}{' '}
        <span className="small muted">
          ({fromApi ? 'added here' : 'config file'}, {connection.transport})
        </span>
      </h3>
      {connection.status === 'error' ? (
        <p className="small status-error" role="status">
          {connection.error}
        </p>
      ) : (
        <p className="small muted">For {connection.experts.length ? connection.experts.join(', ') : 'no expert yet'}.</p>
      )}
      {connection.tools.length > 0 && (
        <ul className="small">
          {connection.tools.map((tool) => (
            <li key={tool.name}>
              <strong>{tool.name}</strong> — {tool.readOnly ? 'reads' : 'writes'},{' '}
              {tool.approval === 'ask' ? 'asks first' : 'runs at once'}
              {tool.alwaysAllowed && (
                <button
                  type="button"
                  className="link"
                  onClick={() => update.mutate({ connectionId: connection.id, revoke: [tool.name] })}
                >
                  Ask again
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {fromApi && <EditConnection connection={connection} />}
      {fromApi && (
        <div className="actions">
          <ExpertChoice
            chosen={connection.experts}
            onChange={(experts) => update.mutate({ connectionId: connection.id, experts })}
          />
          <button
            type="button"
            onClick={() => window.confirm(`Remove ${connection.name}?`) && remove.mutate({ connectionId: connection.id })}
          >
            Remove
          </button>
        </div>
      )}
    </li>
  );
}

/** A new address or token for a remote server; a field left empty keeps what is stored. */
function EditConnection({ connection }: { connection: Connection }) {
  const { update } = useConnectionActions();
  const [open, setOpen] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const url = field(form, 'url');
    const token = field(form, 'token');
    if (!url && !token) return setOpen(false);
    update.mutate(
      { connectionId: connection.id, ...(url ? { url } : {}), ...bearer(token) },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <details className="connections-edit" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Change address or token</summary>
      <form className="connection-form" onSubmit={submit} aria-label={`Change ${connection.name}`}>
        <label>
          New server URL <input name="url" type="url" placeholder={connection.url ?? 'https://…/mcp'} autoComplete="off" />
        </label>
        <label>
          New access token <input name="token" type="password" autoComplete="off" />
        </label>
        <SubmitRow mutation={update} label="Save" />
      </form>
    </details>
  );
}

function AddConnection({ businessId }: { businessId: string | undefined }) {
  const { add } = useConnectionActions();
  const [experts, setExperts] = useState<ExpertName[]>([]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate(
      { businessId, name: field(form, 'name'), url: field(form, 'url'), experts, ...bearer(field(form, 'token')) },
      { onSuccess: () => (event.currentTarget?.reset(), setExperts([])) },
    );
  };
  return (
    <form className="connection-form" onSubmit={submit} aria-label="Add a remote connection">
      <label>
        Name <input name="name" required placeholder="calendar" autoComplete="off" />
      </label>
      <label>
        Server URL <input name="url" type="url" required placeholder="https://…/mcp" autoComplete="off" />
      </label>
      <label>
        Access token (optional) <input name="token" type="password" autoComplete="off" />
      </label>
      <ExpertChoice chosen={experts} onChange={setExperts} />
      <SubmitRow mutation={add} label="Add connection" />
    </form>
  );
}

export function ConnectionsPanel({ businessId }: { businessId: string | undefined }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.connections.list.queryOptions({ businessId }));
  return (
    <section className="panel" aria-labelledby="connections-title" data-testid="connections-panel">
      <h2 id="connections-title">Connections</h2>
      <p className="small muted">Your own tools (MCP servers). Reads run at once; anything that writes asks you first.</p>
      {list.error && <p role="alert">{list.error.message}</p>}
      <ul className="plain">
        {(list.data ?? []).map((connection) => (
          <ConnectionItem key={connection.id} connection={connection} />
        ))}
      </ul>
      <details className="connections-add">
        <summary>Add a remote server</summary>
        <AddConnection businessId={businessId} />
      </details>
    </section>
  );
}
