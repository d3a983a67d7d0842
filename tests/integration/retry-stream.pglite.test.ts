import { describe } from 'vitest';
import { retryStreamSuite } from './retry-stream.suite.ts';

describe('chat.retryStream on PGlite', () => retryStreamSuite('pglite'));
