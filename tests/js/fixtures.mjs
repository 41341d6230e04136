// Loads tests/fixtures/<dialect>/{valid,invalid}/<rule>.json with its .expected.json (Node side;
// the Chromium runner hands the same data to the page).
import { readdirSync, readFileSync, existsSync } from 'node:fs';

const root = new URL('../fixtures/', import.meta.url);

export function loadFixtures() {
  const out = [];
  for (const dialect of readdirSync(root).sort()) {
    for (const kind of ['valid', 'invalid']) {
      const dir = new URL(`${dialect}/${kind}/`, root);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).sort()) {
        if (!file.endsWith('.json') || file.endsWith('.expected.json')) continue;
        const name = file.slice(0, -'.json'.length);
        out.push({
          dialect,
          kind,
          name,
          text: readFileSync(new URL(file, dir), 'utf8'),
          expected: JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), 'utf8')),
        });
      }
    }
  }
  return out;
}
