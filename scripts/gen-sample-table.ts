/**
 * Generates public/datasets/sample-plants.csv, the table the tabular template trains on when no
 * CSV was uploaded: 600 synthetic plants of three species, numeric and categorical features, a
 * free-text column, and about 3 % of the cells missing. Deterministic (seeded): run it again and
 * the file does not change. Run: npx tsx scripts/gen-sample-table.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng, gaussian } from '../lib/data/rng';

const ROWS = 600;
const rng = createRng(2026);
const species = ['aster', 'bellflower', 'clover'];
const soils = ['clay', 'loam', 'sand'];
// Per species: mean petal length, petal width, height (cm), and its preferred soil.
const traits = [
  { petal: 2.0, width: 0.6, height: 35, soil: 0 },
  { petal: 3.2, width: 1.1, height: 50, soil: 1 },
  { petal: 2.6, width: 1.6, height: 22, soil: 2 },
];

const pick = <T,>(items: T[]) => items[Math.floor(rng() * items.length)];
const maybe = (cell: string) => (rng() < 0.03 ? '' : cell);
const lines = ['plot,petal_length,petal_width,height_cm,soil,sunlight_hours,species'];
for (let i = 0; i < ROWS; i++) {
  const s = Math.floor(rng() * species.length);
  const t = traits[s];
  const soil = rng() < 0.6 ? soils[t.soil] : pick(soils);
  lines.push(
    [
      `plot-${String(i + 1).padStart(4, '0')}`,
      maybe((t.petal + 0.45 * gaussian(rng)).toFixed(2)),
      maybe((t.width + 0.3 * gaussian(rng)).toFixed(2)),
      maybe((t.height + 8 * gaussian(rng)).toFixed(1)),
      maybe(soil),
      maybe((4 + 6 * rng()).toFixed(1)), // pure noise: a feature that does not help
      species[s],
    ].join(','),
  );
}
const out = path.resolve(import.meta.dirname, '../public/datasets/sample-plants.csv');
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${out} (${ROWS} rows)`);
