// Whether one tool of a server needs the owner's yes: reads run, writes ask, unless the config's
// `approval` lists or the owner's "always allow" say otherwise. `ask` wins over everything but the
// owner's own always-allow (the owner decided it knowingly); `never` over the read-only hint.
import type { ApprovalRules } from './config-file.ts';

/** `*` matches any run of characters, `?` one; everything else literally. */
function globMatches(glob: string, name: string): boolean {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(name);
}

export function needsYes(tool: { name: string; readOnly: boolean }, rules: ApprovalRules, alwaysAllowed: boolean): boolean {
  if (alwaysAllowed) return false;
  if (rules.ask.some((glob) => globMatches(glob, tool.name))) return true;
  if (rules.never.some((glob) => globMatches(glob, tool.name))) return false;
  return !tool.readOnly;
}
