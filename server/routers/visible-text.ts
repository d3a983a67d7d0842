// "Blank" as a person sees it: whitespace, zero-width and other invisible characters only.
// Default_Ignorable_Code_Point covers zero-width spaces and joiners, bidi marks, variation
// selectors and the Hangul fillers; U+2800 is the blank Braille pattern.
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;

export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}
