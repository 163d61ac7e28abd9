// Writes openapi.json from the backend's current schema (the same one the API serves), then
// regenerates src/api/schema.d.ts from it. Run from admin-panel/: `npm run gen:openapi`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const panel = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(panel, '..');
const python = process.env.PYTHON ?? resolve(root, '.venv/bin/python');
const program =
  'import json; from api.main import create_app; ' +
  'print(json.dumps(create_app().openapi(), indent=2, sort_keys=True))';
const schema = execFileSync(python, ['-c', program], { cwd: root, encoding: 'utf8' });
writeFileSync(resolve(panel, 'openapi.json'), schema);
execFileSync('npm', ['run', '--silent', 'gen:api'], { cwd: panel, stdio: 'inherit' });
