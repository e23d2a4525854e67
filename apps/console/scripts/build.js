// Builds the console's static files (apps/console/dist) when they are missing or older than their
// sources. Used by `npm start` (before the host starts), `npm run build:console` (distributed
// deployment) and the browser tests. Parallel test workers serialise on a lock file.
const { existsSync, mkdirSync, openSync, closeSync, readdirSync, statSync, unlinkSync } = require('fs');
const { join } = require('path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const MARK = join(DIST, 'console', 'index.html');
const SOURCES = ['console', 'tip', 'src', 'vite.config.mjs'];

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), s.mtimeMs);
}

function isStale() {
  if (!existsSync(MARK)) return true;
  const built = statSync(MARK).mtimeMs;
  return SOURCES.some((s) => newest(join(ROOT, s)) > built);
}

async function withLock(work) {
  const lock = join(ROOT, '.build.lock');
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) unlinkSync(lock); // left by a killed build
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  try {
    return await work();
  } finally {
    unlinkSync(lock);
  }
}

/** Resolves with the dist folder, building first if needed (force: always). */
async function ensureConsoleBuilt({ force = false, quiet = false } = {}) {
  if (!force && !isStale()) return DIST;
  return withLock(async () => {
    if (!force && !isStale()) return DIST;
    mkdirSync(DIST, { recursive: true });
    const started = Date.now();
    if (!quiet) console.log('building the console (apps/console/dist) …');
    // Always a production bundle: under Jest NODE_ENV is "test", which would make React and antd
    // development builds (and their deprecation warnings would count as page errors).
    process.env.NODE_ENV = 'production';
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.mjs'), mode: 'production', logLevel: quiet ? 'error' : 'warn' });
    if (!quiet) console.log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return DIST;
  });
}

module.exports = { ensureConsoleBuilt, CONSOLE_DIST: DIST };

if (require.main === module) {
  ensureConsoleBuilt({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
