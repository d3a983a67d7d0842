import { describe } from 'vitest';
import { liveSuite } from './live.suite.ts';

describe('live turns on PGlite', () => liveSuite('pglite'));
