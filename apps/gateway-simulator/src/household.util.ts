import { OTHER_PROVINCE_CODES } from './province.constant';
import type { Citizen, Household } from './province.type';
import { SeededRandom } from './random.util';

/**
 * The 12-digit personal ID (số định danh cá nhân): province of birth registration (3 digits), century and
 * gender (1 digit: 0/1 male/female born 1900-1999, 2/3 born 2000-2099), year of birth (2 digits), then 6 digits.
 */
export function personalId(
  provinceCode: string,
  birthYear: number,
  female: boolean,
  rng: SeededRandom,
): string {
  const century = birthYear >= 2000 ? 2 : 0;
  return `${provinceCode}${century + (female ? 1 : 0)}${String(birthYear % 100).padStart(2, '0')}${rng.digits(6)}`;
}

const SIZES: [number, number][] = [
  [1, 12],
  [2, 20],
  [3, 24],
  [4, 25],
  [5, 12],
  [6, 7],
];

/**
 * Household number `index` of the province: its members are derived from (seed, index) alone, so a household
 * looked up again for another dossier has the same people, without keeping millions of them in memory.
 */
export function householdAt(seed: string, provinceCode: string, index: number): Household {
  const rng = new SeededRandom(`${seed}:household:${index}`);
  const size = rng.weighted(SIZES);
  // Most people were registered at birth in this province; some moved in.
  const origin = (): string => (rng.chance(0.85) ? provinceCode : rng.pick(OTHER_PROVINCE_CODES));
  const headYear = rng.int(1945, 1998);
  const members: Citizen[] = [];
  const headFemale = rng.chance(0.35);
  members.push({ personalId: personalId(origin(), headYear, headFemale, rng) });
  if (size >= 2)
    members.push({ personalId: personalId(origin(), headYear + rng.int(-5, 6), !headFemale, rng) });
  for (let i = 2; i < size; i++) {
    // Children, or a grandparent in the larger households.
    const grandparent = i === 5 && headYear > 1960;
    const year = grandparent ? headYear - rng.int(22, 32) : Math.min(2025, headYear + rng.int(20, 38));
    members.push({
      personalId: personalId(grandparent ? origin() : provinceCode, year, rng.chance(0.5), rng),
    });
  }
  return { members };
}
