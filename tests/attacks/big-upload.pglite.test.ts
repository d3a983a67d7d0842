import { describe } from 'vitest';
import { bigUploadSuite } from './big-upload.suite.ts';

describe('an 18 MB upload on PGlite', () => bigUploadSuite('pglite'));
