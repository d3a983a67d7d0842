import { useHealth } from '../hooks/use-health.ts';

/** Tells the owner what to set when the server has no model to talk to. */
export function HealthBanner() {
  const { data, isError } = useHealth();
  if (!data || isError) return null;
  if (data.ok === false) {
    return (
      <div className="banner warn" role="alert">
        The server cannot reach its database right now. Replies will fail until it is back.
      </div>
    );
  }
  if (data.model?.configured !== false) return null;
  return (
    <div className="banner warn" role="alert" data-testid="model-banner">
      <strong>No model configured.</strong> Set <code>OPENAI_API_KEY</code> (for OpenAI) or <code>OPENAI_BASE_URL</code> (for an
      OpenAI-compatible server such as Ollama or vLLM) and restart Switchboard. Your messages are saved and can be retried once a
      model is set.
    </div>
  );
}
