import { describe } from 'vitest';
import { ownerFactsSuite } from './owner-facts.suite.ts';

describe('the owner’s facts on Postgres', () => ownerFactsSuite('postgres'));
