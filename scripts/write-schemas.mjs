// Writes pkg/schemas/<id>.json (and normalised.json) from pkg/schemas.js, which the
// declarations generate (`make docs`): for tools outside JS, and read by js/node.js.
import { mkdirSync, writeFileSync } from 'node:fs';
import SCHEMAS from '../pkg/schemas.js';

const dir = new URL('../pkg/schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [id, text] of Object.entries(SCHEMAS)) {
  writeFileSync(new URL(`${id}.json`, dir), `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
}
