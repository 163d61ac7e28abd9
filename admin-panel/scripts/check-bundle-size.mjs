// Fails when the JavaScript a first visit downloads is over budget (gzipped): the entry chunk,
// everything it imports, and the lazy chunk of the first route (the login page, and the
// dashboard a signed-in user lands on). Run after `vite build`: `npm run check:size`.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = Number(process.env.BUNDLE_LIMIT_KB ?? 300);
const FIRST_ROUTES = ['src/pages/LoginPage.tsx', 'src/pages/DashboardPage.tsx'];

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
let manifest;
try {
  manifest = JSON.parse(readFileSync(resolve(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error('dist/.vite/manifest.json is missing: run `npm run build` first.');
  process.exit(1);
}

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
let failed = false;
for (const route of FIRST_ROUTES) {
  if (!manifest[route]) {
    console.error(`${route} is not a chunk of its own: is the route still lazy?`);
    failed = true;
    continue;
  }
  const files = [...closure([entry, route])].map((key) => manifest[key].file).filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length, 0);
  const kb = bytes / 1024;
  const verdict = kb <= LIMIT_KB ? 'ok' : 'OVER BUDGET';
  console.log(`${route}: ${kb.toFixed(1)} KB gzipped JS in ${files.length} files (limit ${LIMIT_KB} KB) ${verdict}`);
  if (kb > LIMIT_KB) failed = true;
}
process.exit(failed ? 1 : 0);
