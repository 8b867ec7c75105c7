import type { Province } from '../province.type';
import { SeededRandom } from '../random.util';
import {
  concurrentNetworks,
  crossUnitCitizen,
  enumerationDistinct,
  enumerationSequential,
  foreignNetwork,
  offHours,
  sensitiveFields,
  unexplainedLookups,
} from './access-cases.util';
import {
  addressChange,
  eveningWork,
  heavyPostal,
  leave,
  newStaff,
  saturdayUnits,
  unitSurge,
} from './benign-cases.util';
import { CaseEnv } from './case-env.util';
import { CASE_MIXES } from './case-mix.constant';
import type { Injection, MisuseKind } from './labelled-case.type';
import {
  bulkExport,
  dormantWaking,
  gradualGrowth,
  hourlyBurst,
  lockedAccountUse,
  peerOutlier,
  volumeSpike,
} from './volume-cases.util';

const MISUSE: Record<MisuseKind, (env: CaseEnv) => Injection | undefined> = {
  'volume-spike': volumeSpike,
  'hourly-burst': hourlyBurst,
  'peer-outlier': peerOutlier,
  'gradual-growth': gradualGrowth,
  'off-hours': offHours,
  'unexplained-lookups': unexplainedLookups,
  'enumeration-sequential': enumerationSequential,
  'enumeration-distinct': enumerationDistinct,
  'foreign-network': foreignNetwork,
  'concurrent-networks': concurrentNetworks,
  'dormant-waking': dormantWaking,
  'sensitive-fields': sensitiveFields,
  'bulk-export': bulkExport,
  'cross-unit-citizen': crossUnitCitizen,
  'locked-account-use': lockedAccountUse,
};

export function caseMix(name: string): (typeof CASE_MIXES)[string] {
  const mix = CASE_MIXES[name];
  if (!mix) throw new Error(`Unknown mix "${name}"; known: ${Object.keys(CASE_MIXES).join(', ')}`);
  return mix;
}

/**
 * Chooses the cases of the mix and their actors, deterministically from the seed. Hard cases come first (a
 * surging unit's members are nobody's misuse), then misuse on distinct accounts, Saturday units last so that
 * new staff of those communes are listed too. Adds the new staff to the province.
 */
export function planCases(
  province: Province,
  seed: string,
  mixName: string,
  start: number,
  days: number,
): Injection[] {
  const mix = caseMix(mixName);
  const env = new CaseEnv(province, new SeededRandom(`${seed}:${mixName}:cases`), start, days);
  const taken = new Set(province.accounts.map((a) => a.accountId));
  const injections: Injection[] = [];
  const add = (i: Injection | undefined): void => {
    if (i) injections.push(i);
  };
  for (let i = 0; i < mix.benign['unit-surge']; i++) add(unitSurge(env));
  for (let i = 0; i < mix.benign['heavy-postal']; i++) add(heavyPostal(env));
  for (let i = 0; i < mix.benign['new-staff']; i++) add(newStaff(env, taken));
  for (let i = 0; i < mix.benign.leave; i++) add(leave(env));
  for (let i = 0; i < mix.benign['evening-work']; i++) add(eveningWork(env));
  for (let i = 0; i < mix.benign['address-change']; i++) add(addressChange(env));
  const kinds = (Object.keys(MISUSE) as MisuseKind[]).filter(
    () => mix.misuseChance >= 1 || env.rng.chance(mix.misuseChance),
  );
  // A sparse province still has a few kinds of misuse.
  while (kinds.length < 3) kinds.push(env.rng.pick(Object.keys(MISUSE) as MisuseKind[]));
  for (const kind of new Set(kinds)) for (let i = 0; i < mix.misuse[kind]; i++) add(MISUSE[kind](env));
  injections.push(...saturdayUnits(env, mix.saturdayShare));
  return injections;
}
