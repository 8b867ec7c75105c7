import { writeFileSync } from 'node:fs';
import type { LabelledProvinceGenerator } from './labelled-generator.service';
import { unitCidr } from './labelled-province.util';
import { PUBLIC_HOLIDAYS } from './work-calendar.util';

/** What the labels file says about the run besides the cases: enough to evaluate detection on it. */
export function labelsDocument(g: LabelledProvinceGenerator): Record<string, unknown> {
  return {
    seed: g.seed,
    mix: g.mix,
    start: g.startsAt.toISOString(),
    days: g.days,
    scale: g.scale,
    holidays: PUBLIC_HOLIDAYS,
    units: g.province.units.map((u) => ({
      unitCode: u.code,
      unitName: u.name,
      kind: u.kind,
      sourceSystem: u.sourceSystem,
      networks: [unitCidr(u)],
      saturdayMorning: u.saturdayMorning === true,
    })),
    cases: g.labels,
  };
}

/** Writes the labels: .ndjson gives one case per line; anything else one JSON document with the province's units. */
export function writeLabels(path: string, g: LabelledProvinceGenerator): void {
  const text = path.toLowerCase().endsWith('.ndjson')
    ? g.labels.map((l) => JSON.stringify(l)).join('\n') + '\n'
    : JSON.stringify(labelsDocument(g), null, 2) + '\n';
  writeFileSync(path, text);
}
