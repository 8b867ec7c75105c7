import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installDebianPackages } from '../utils/debian-package';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const WEB_SRC = join(ROOT, 'apps', 'admin-web');
/** The tests serve (a copy of) the same build `npm start` serves. */
const CONSOLE_DIR = join(ROOT, 'dist', 'admin-web');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const VIEWPORT = { width: 1366, height: 768 };

const log = (msg: string) => process.stdout.write(`[console-tests] ${msg}\n`);

/** Debian's chromium, installed with apt when missing (CI runs as root); says so, as it takes a while. */
export function ensureChromium(): string {
  installDebianPackages(['chromium'], { tag: 'console-tests', why: `${CHROMIUM} is missing`, present: () => existsSync(CHROMIUM) });
  return CHROMIUM;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the console (npm run build:web) unless the build is newer than every source file, and returns a copy of
 * it to serve: a build started meanwhile (a developer's, another suite's npm start) cannot pull files from under it.
 */
export function consoleBuild(): string {
  return whileHoldingBuildLock(() => {
    const index = join(CONSOLE_DIR, 'index.html');
    if (!existsSync(index) || statSync(index).mtimeMs < newestMtime(WEB_SRC)) {
      log('building the console (npm run build:web)');
      execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const copy = mkdtempSync(join(tmpdir(), 'tthc-console-'));
    cpSync(CONSOLE_DIR, copy, { recursive: true });
    return copy;
  });
}

/** A lock left by a killed run is taken over after this long (a build takes seconds). */
const STALE_LOCK_MS = 300_000;

/** Suites run in parallel workers: one builds while the others wait, then they all copy the same build. */
function whileHoldingBuildLock<T>(fn: () => T): T {
  const lock = join(ROOT, 'dist', '.admin-web-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** No serious or critical accessibility violation on the page as it stands (axe-core, WCAG 2 A/AA rules). */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Judged at rest: a message fading out is half transparent while it goes.
  // (Endless ones, such as a loading skeleton's shimmer, are not waited for.)
  type Animation = { playState: string; effect: { getTiming(): { iterations: number } } | null };
  const atRest = () =>
    (globalThis as unknown as { document: { getAnimations(): Animation[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
  await page.waitForFunction(atRest, undefined, { timeout: 5_000 });
  // axe.run in the page itself (the console has no frames): the default runs each frame's part, then joins them in
  // a new blank page, each time; and node details for violations only. 1 s a check instead of 2-7 s.
  const result = await new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  expect({ page: what, violations: described }).toEqual({ page: what, violations: [] });
}

/**
 * Checks nothing needs a horizontal scroll and, with UPDATE_SCREENSHOTS=1, saves docs/screenshots/<name>.png at
 * 1366×768 (fullPage: the whole height): `UPDATE_SCREENSHOTS=1 npm test -- test/console` makes the README's
 * screenshots again. Without it the tests leave docs/ as it is.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await expectNoHorizontalScroll(page, name);
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
}

export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect({ page: what, horizontalOverflow: overflow > 0 }).toEqual({ page: what, horizontalOverflow: false });
}
