// Numbers as people read them, the same in the SPA, the CLI and exports.
const integer = new Intl.NumberFormat('en');

export function formatTokens(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : integer.format(n);
}

/** Estimated dollars: cents for real money, two significant digits for fractions of a cent. */
export function formatUsd(usd: number): string {
  const digits =
    usd >= 0.01 || usd === 0 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', ...digits }).format(usd);
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
