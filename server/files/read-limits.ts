// How much reading one upload may cost. Any file can be hostile (a 2.7 KB PDF can draw its text
// a billion times), so each read runs in a worker that is stopped when it passes one of these.
export const READ_LIMITS = {
  /** Wall-clock time for one file, from when its worker starts on it. */
  timeMs: 20_000,
  /** The worker's JavaScript heap; past it the worker is stopped, the server is not. */
  memoryMb: 256,
  pages: 2_000,
  rows: 200_000,
  /** Characters of text kept from one file: a 20 MB text file, or a PDF that draws far more. */
  chars: 20_000_000,
};

export type ReadLimits = typeof READ_LIMITS;
