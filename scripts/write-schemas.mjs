// Writes pkg/schemas/<id>.json and normalised.json from the built package, for tools outside JS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dialects, jsonSchema } from '../pkg/node.js';

const dir = new URL('../pkg/schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const id of [...dialects().map((d) => d.id), 'normalised']) {
  writeFileSync(new URL(`${id}.json`, dir), `${JSON.stringify(jsonSchema(id), null, 2)}\n`);
}
