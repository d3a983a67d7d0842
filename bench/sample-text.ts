// Deterministic, varied business-chat text of about a chosen token length, with exact token
// counts, so benchmarks see what a real conversation would cost.
import { countTokens } from '../server/memory/tokens.ts';

const SENTENCES = [
  'Lumen & Wick sells hand-poured soy candles from a small studio in Ghent.',
  'The autumn collection launches on 14 October with four scents and a gift box.',
  'Price the 220 g candle at 24 EUR and the travel tin at 12 EUR.',
  'Wholesale buyers expect a 50% discount, so keep material costs under 6 EUR a candle.',
  'Post three reels a week: one behind the scenes, one product, one customer story.',
  'Order wicks and wax from two suppliers so one late delivery does not stop production.',
  'A newsletter every other Thursday keeps repeat buyers close without tiring them.',
  'The market stall needs 120 candles by Saturday; pour 40 a day from Tuesday.',
  'Keep the tone calm and warm, never pushy, and avoid words like cheap or deal.',
  'Measure conversion on the shop page for two weeks before changing the layout.',
  'Photograph candles in daylight near the window, with linen and dried flowers.',
  'A loyalty card with a free tin after five purchases costs little and brings people back.',
  'Ask the three best wholesale shops for feedback on the new labels before printing 2,000.',
  'Plan the holiday rush now: packaging arrives in six weeks and shipping slows in December.',
  'Collaborate with a local ceramicist on refillable vessels for a limited spring edition.',
  'Track hours per batch; at 18 EUR an hour the current price leaves too little margin.',
];
const SENTENCE_TOKENS = SENTENCES.map(countTokens);

/** Message sizes the memory benchmarks simulate: a short question, a substantial expert answer. */
export const SIMULATED = { userTokens: 60, replyTokens: 450 };

export type Sample = { content: string; tokens: number };
export type TextSource = { text(tokens: number): Sample };

/** A seeded source: the same seed always gives the same texts. */
export function sampleText(seed = 1): TextSource {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * SENTENCES.length);
  };
  return {
    text(tokens) {
      const parts: string[] = [];
      let estimate = 0;
      while (estimate < tokens) {
        const pick = next();
        parts.push(SENTENCES[pick]!);
        estimate += SENTENCE_TOKENS[pick]!;
      }
      const content = parts.join(' ');
      return { content, tokens: countTokens(content) };
    },
  };
}

/** A fixed pool of texts, cycled: cheap when seeding thousands of rows. */
export function textPool(source: TextSource, tokens: number, size = 32): () => Sample {
  const pool = Array.from({ length: size }, () => source.text(tokens));
  let i = 0;
  return () => pool[i++ % pool.length]!;
}
