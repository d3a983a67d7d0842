// The experts, one file each. The compiler asks for an entry here for every name in the roster.
import type { ExpertName } from '../../../shared/roster.ts';
import type { ExpertDefinition } from '../expert.ts';
import { creative } from './creative.ts';
import { media } from './media.ts';
import { producing } from './producing.ts';
import { strategic } from './strategic.ts';

export const EXPERTS: { readonly [Name in ExpertName]: ExpertDefinition & { name: Name } } = {
  Strategic: strategic,
  Creative: creative,
  Producing: producing,
  Media: media,
};
