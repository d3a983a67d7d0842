import { describe } from 'vitest';
import { documentToolsSuite } from './documents-tools.suite.ts';

describe('document tools on Postgres', () => documentToolsSuite('postgres'));
