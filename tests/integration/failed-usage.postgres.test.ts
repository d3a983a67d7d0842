import { describe } from 'vitest';
import { failedUsageSuite } from './failed-usage.suite.ts';

describe('failed turns’ usage on Postgres', () => failedUsageSuite('postgres'));
