// The browser tests' Chromium: the documented search order, and one actionable line when missing.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findChromium } from '../support/find-chromium.ts';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

function binFolder(...names: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-bin-'));
  folders.push(folder);
  for (const name of names) {
    writeFileSync(join(folder, name), '#!/bin/sh\n');
    chmodSync(join(folder, name), 0o755);
  }
  return folder;
}

describe('finding Chromium for the browser tests', () => {
  it('prefers CHROMIUM_PATH, then chromium before Chrome, in PATH order', () => {
    const chrome = binFolder('google-chrome');
    const both = binFolder('chromium-browser', 'google-chrome-stable');
    expect(findChromium({ PATH: `${chrome}:${both}` })).toBe(join(both, 'chromium-browser'));
    expect(findChromium({ PATH: chrome })).toBe(join(chrome, 'google-chrome'));
    const mine = join(binFolder('my-chromium'), 'my-chromium');
    expect(findChromium({ PATH: chrome, CHROMIUM_PATH: mine })).toBe(mine);
  });

  it('says in one line how to install it when there is none', () => {
    const empty = binFolder();
    mkdirSync(join(empty, 'chromium')); // a folder named chromium is not a browser
    expect(() => findChromium({ PATH: empty })).toThrow(/^Chromium not found .*apt-get install -y chromium.*CHROMIUM_PATH\.$/);
    expect(() => findChromium({ PATH: empty, CHROMIUM_PATH: join(empty, 'nope') })).toThrow(
      /CHROMIUM_PATH=.* is not an executable file/,
    );
  });
});
