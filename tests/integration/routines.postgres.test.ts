import { describe } from 'vitest';
import { routinesSuite } from './routines.suite.ts';

describe('routines on Postgres, two instances', () => routinesSuite('postgres'));
