import { countTokens as count } from 'gpt-tokenizer';

/** Tokens of a text as the model will see it (o200k, counted offline). */
export function countTokens(text: string): number {
  return count(text);
}
