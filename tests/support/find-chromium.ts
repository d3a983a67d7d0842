// Where the browser tests find Chromium, in order: CHROMIUM_PATH, then the first of chromium,
// chromium-browser, google-chrome-stable, google-chrome on PATH. None found fails the browser test
// with one line saying how to install it: never a silent skip, never a browser download.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new Error(`CHROMIUM_PATH=${chosen} is not an executable file: point it at Chromium, or unset it.`);
  }
  const folders = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const folder of folders) {
      const path = join(folder, name);
      if (isExecutable(path)) return path;
    }
  }
  throw new Error(
    `Chromium not found (looked for ${NAMES.join(', ')} on PATH): install it with \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH.`,
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
