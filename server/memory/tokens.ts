// Token counting with o200k. Its tables cost ~60 MB of memory and ~0.5 s to load, so they load on
// the first count (the first turn), not at start: an idle server never needs them.
import { createRequire } from 'node:module';

type Counter = (text: string) => number;
let counter: Counter | undefined;

function load(): Counter {
  const tokenizer = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as { countTokens: Counter };
  return tokenizer.countTokens;
}

/** Tokens of a text as the model will see it (o200k, counted offline). */
export function countTokens(text: string): number {
  counter ??= load();
  return counter(text);
}
