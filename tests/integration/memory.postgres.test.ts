import { describe } from 'vitest';
import { memorySuite } from './memory.suite.ts';

describe('memory on Postgres', () => memorySuite('postgres'));
