// Input tokens the API served from its prompt cache (billed at the cached-input rate), as the
// SDK passes them on: `input_tokens_details.cached_tokens` (Responses) and
// `prompt_tokens_details.cached_tokens` (Chat Completions) both arrive as `cached_tokens`.
type TokenDetails = Record<string, number> | Record<string, number>[] | undefined;

export function cachedTokensOf(usage: { inputTokensDetails?: TokenDetails }): number {
  const details = usage.inputTokensDetails;
  const entries = Array.isArray(details) ? details : details ? [details] : [];
  return entries.reduce((sum, entry) => sum + (Number.isFinite(entry.cached_tokens) ? entry.cached_tokens! : 0), 0);
}
