import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ACCOUNT_DIRECTORY_V1_SCHEMA, QUERY_LOG_EVENT_V1_SCHEMA, QueryLogEventV1 } from '@app/contracts';
import { accountDirectory } from '../outputs/account-directory.util';
import { createGenerator } from '../simulate.command';
import { CASE_MIXES } from './case-mix.constant';
import { BENIGN_DETECTOR, MISUSE_DETECTOR } from './labelled-case.type';
import { LabelledProvinceGenerator, LabelledProvinceOptions } from './labelled-generator.service';
import { writeLabels } from './labels-output.util';

const small: LabelledProvinceOptions = { seed: 'spec', days: 8, scale: 0.1, units: 40, accounts: 300 };
const events = (options: LabelledProvinceOptions): QueryLogEventV1[] => [
  ...new LabelledProvinceGenerator(options),
];

describe(LabelledProvinceGenerator.name, () => {
  it('gives the same events and labels for the same seed and mix', () => {
    const a = new LabelledProvinceGenerator({ ...small, days: 120 });
    const b = new LabelledProvinceGenerator({ ...small, days: 120 });
    expect(b.labels).toEqual(a.labels);
    const first = events(small);
    expect(first.length).toBeGreaterThan(2000);
    expect(events(small)).toEqual(first);
    expect(new Set(first.map((e) => e.eventId)).size).toBe(first.length);
  });

  it('gives another province for another seed, and other cases for another mix', () => {
    const base = new LabelledProvinceGenerator({ ...small, days: 120 });
    const seed = new LabelledProvinceGenerator({ ...small, days: 120, seed: 'other' });
    expect(seed.province.accounts.map((a) => a.accountId)).not.toEqual(
      base.province.accounts.map((a) => a.accountId),
    );
    expect(seed.labels.map((l) => l.accountIds)).not.toEqual(base.labels.map((l) => l.accountIds));
    const ids = new Set(events(small).map((e) => e.eventId));
    expect(events({ ...small, seed: 'other' }).filter((e) => ids.has(e.eventId))).toEqual([]);
    const hard = new LabelledProvinceGenerator({ ...small, days: 120, mix: 'hard' });
    const count = (g: LabelledProvinceGenerator, prefix: string): number =>
      g.labels.filter((l) => l.kind.startsWith(prefix)).length;
    expect(count(hard, 'benign:')).toBeGreaterThan(count(base, 'benign:'));
    const sparse = new LabelledProvinceGenerator({ ...small, days: 120, mix: 'sparse' });
    expect(count(sparse, 'benign:')).toBe(count(base, 'benign:'));
    expect(sparse.labels.length - count(sparse, 'benign:')).toBeLessThan(
      base.labels.length - count(base, 'benign:'),
    );
    expect(() => new LabelledProvinceGenerator({ ...small, mix: 'nope' })).toThrow(/Unknown mix "nope"/);
  });

  it.each(Object.keys(CASE_MIXES).filter((m) => m !== 'sparse'))(
    'labels every kind of misuse and every hard case in the %s mix, on ~1,000 accounts in ~130 units',
    (mix) => {
      const all = [
        ...Object.keys(MISUSE_DETECTOR),
        ...Object.keys(BENIGN_DETECTOR).map((k) => `benign:${k}`),
      ];
      // Not one lucky seed: each of several provinces holds every kind (Tết's closed days included).
      for (const seed of ['1', '2', '3', '4', '5'].map((n) => `kinds-${mix}-${n}`)) {
        const kinds = new Set(new LabelledProvinceGenerator({ seed, mix }).labels.map((l) => l.kind));
        expect({ seed, missing: all.filter((k) => !kinds.has(k as never)) }).toEqual({ seed, missing: [] });
      }
      const sut = new LabelledProvinceGenerator({ seed: `kinds-${mix}`, mix });
      expect(sut.province.units).toHaveLength(130);
      expect(sut.province.accounts.length).toBeGreaterThan(850);
      expect(sut.province.accounts.length).toBeLessThan(1150);
      expect(new Set(sut.province.units.map((u) => u.kind))).toEqual(
        new Set(['department', 'commune', 'post_office', 'police', 'justice']),
      );
      for (const l of sut.labels) {
        expect(l.accountIds.length).toBeGreaterThan(0);
        expect(Date.parse(l.to)).toBeGreaterThan(Date.parse(l.from));
        expect(l.description.length).toBeGreaterThan(20);
      }
      // Personal rates vary: officials from a handful to dozens of citizens a day.
      const rates = sut.province.accounts
        .filter((a) => a.role === 'chuyen_vien' && a.rate)
        .map((a) => a.rate!);
      expect(Math.min(...rates)).toBeLessThanOrEqual(6);
      expect(Math.max(...rates)).toBeGreaterThanOrEqual(75);
    },
  );

  it('writes only events the v1 contract accepts, with dossier codes that begin with the unit code', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(QUERY_LOG_EVENT_V1_SCHEMA);
    const all = events({ ...small, days: 14 });
    expect(all.filter((e) => !validate(e)).slice(0, 3)).toEqual([]);
    const withDossier = all.filter((e) => e.dossierCode);
    expect(withDossier.length / all.length).toBeGreaterThan(0.5);
    expect(withDossier.filter((e) => !e.dossierCode!.startsWith(`${e.unitCode}-`))).toEqual([]);
    expect(new Set(all.map((e) => e.action))).toEqual(
      new Set(['login', 'logout', 'lookup', 'verify', 'export']),
    );
  });

  it('lists every account in the directory, new staff with the day they were created and no sign-in yet', () => {
    const sut = new LabelledProvinceGenerator({ ...small, days: 120 });
    const entries = accountDirectory(sut.province, sut.startsAt);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(ACCOUNT_DIRECTORY_V1_SCHEMA);
    expect(entries.filter((e) => !validate(e))).toEqual([]);
    const newcomers = sut.labels.filter((l) => l.kind === 'benign:new-staff');
    expect(newcomers.length).toBeGreaterThan(0);
    for (const l of newcomers) {
      const entry = entries.find((e) => e.accountId === l.accountIds[0])!;
      expect(entry.createdAt.slice(0, 10)).toBe(l.params.createdOn);
      expect(entry.lastLoginAt).toBeNull();
    }
    expect(new Set(entries.map((e) => e.status))).toEqual(new Set(['active', 'transferred', 'retired']));
  });

  it('writes the labels as one JSON document with the units, or as NDJSON one case a line', () => {
    const sut = new LabelledProvinceGenerator({ ...small, days: 120 });
    const dir = mkdtempSync(join(tmpdir(), 'labels-'));
    try {
      writeLabels(join(dir, 'labels.json'), sut);
      writeLabels(join(dir, 'labels.ndjson'), sut);
      const doc = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'));
      expect(doc).toMatchObject({ seed: 'spec', mix: 'standard', days: 120, cases: sut.labels });
      expect(doc.units[0]).toMatchObject({
        unitCode: expect.any(String),
        networks: [expect.stringMatching(/\/(24|64)$/)],
      });
      const lines = readFileSync(join(dir, 'labels.ndjson'), 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l))).toEqual(sut.labels);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what simulate() streams when a mix is named, capped by count', () => {
    const source = createGenerator({
      to: 'file',
      count: 500,
      mix: 'standard',
      seed: 'spec',
      days: 8,
      scale: 0.1,
      units: 40,
      accounts: 300,
    });
    const streamed = [...source.events];
    expect(streamed).toEqual(events(small).slice(0, 500));
    expect(source.total).toBe(500);
  });
});
