import { describe } from 'vitest';
import { turnFenceSuite } from './turn-fence.suite.ts';

describe('turn fence on PGlite', () => turnFenceSuite('pglite'));
