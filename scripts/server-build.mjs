// Bundles the server and its dependencies into build/server/ when that is missing or older than
// its sources. One bundle loads in a fraction of the time and memory of ~1,000 separate modules,
// and needs no type stripper at run time. `npm run dev` and the tests still run the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './newest-mtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const script = fileURLToPath(import.meta.url);

export const serverBuild = {
  entry: join(root, 'server', 'index.ts'),
  outdir: join(root, 'build', 'server'),
  // A dependency update (package-lock, or npm's record of what it installed) or a change to this
  // script's settings makes the bundle stale too.
  sources: ['server', 'db', 'shared', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json']
    .map((path) => join(root, path))
    .concat(script),
};

const entryOf = (options) => join(options.outdir, 'index.js');
const isStale = (options) => !existsSync(entryOf(options)) || newestMtime(options.sources) > statSync(entryOf(options)).mtimeMs;

/**
 * For `npm start`: the server's bundle, built first when stale, in a process of its own so that
 * neither esbuild's code nor its service process stays with the server. Returns the bundle's
 * entry file, or undefined when the build failed (its errors are printed).
 */
export function serverBundle() {
  if (isStale(serverBuild) && spawnSync(process.execPath, [script], { stdio: 'inherit' }).status !== 0) return undefined;
  return entryOf(serverBuild);
}

/**
 * Builds when stale; resolves to the bundle's entry file. `options` defaults to the server's
 * build; `outdir` must not be anything else's folder (it is replaced whole).
 */
export async function buildIfStale(options = serverBuild) {
  const built = entryOf(options);
  if (!isStale(options)) return built;
  console.log('Building the server…');
  // Built beside and swapped in whole, so a start that runs meanwhile never loads half a bundle.
  const staging = `${options.outdir}.${process.pid}`;
  const startedAt = new Date();
  const esbuild = await import('esbuild');
  try {
    await esbuild.build(esbuildOptions(options, staging));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await esbuild.stop(); // its service process would otherwise live as long as this one
  }
  await rm(options.outdir, { recursive: true, force: true });
  // Another start that built at the same moment may have swapped its bundle in first: use that one.
  await rename(staging, options.outdir).catch(async (error) => {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(built)) throw error;
  });
  // Dated from the build's start: a source saved while it ran is newer, so the next start rebuilds.
  utimesSync(built, startedAt, startedAt);
  return built;
}

function esbuildOptions(options, outdir) {
  return {
    entryPoints: { index: options.entry },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22.18', // package.json's engines
    splitting: true, // a dynamic import() stays lazy: its code is a chunk loaded on first use
    // Whitespace and syntax only: function names stay readable in stack traces, and renaming
    // identifiers saved no further memory.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'error',
    // These read files of their own package next to their code (PGlite's WebAssembly, pdf.js).
    external: ['@electric-sql/pglite', 'unpdf'],
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Relative to where the bundle ends up, not the staging folder it is written to.
    plugins: [sourceLocations(options.outdir)],
  };
}

/**
 * Our sources find files next to themselves (`new URL('./migrations', import.meta.url)`, the
 * client in dist/, packages through createRequire): inside the bundle import.meta.url names the
 * bundle, so each module's import.meta.url becomes its source file's URL, relative to the bundle.
 */
function sourceLocations(outdir) {
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const source = JSON.stringify(relative(outdir, args.path).split('\\').join('/'));
        return { contents: text.replaceAll('import.meta.url', `new URL(${source}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

if (process.argv[1] === script) {
  await buildIfStale().catch((error) => {
    // esbuild has printed what is wrong in the sources; anything else (no esbuild installed) has not.
    console.error(`The server did not build${error.errors ? ': see the errors above' : `: ${error.message}`}.`);
    process.exitCode = 1;
  });
}
