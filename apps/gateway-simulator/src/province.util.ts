import {
  BROWSER_AGENTS,
  COMMUNE_PROCEDURES,
  DEPARTMENT_PROCEDURES,
  DEPARTMENTS,
  FAMILY_NAMES,
  GENERAL_PROCEDURES,
  GIVEN_NAMES,
  KIOSK_AGENT,
  MIDDLE_NAMES,
  NAME_LABELS,
  DEPARTMENT_LABELS,
  TOWN_LABELS,
  POST_OFFICE_PROCEDURES,
  POST_OFFICE_TOWNS,
  ROLE_ACTIVITY,
  SERVICE_AGENT,
} from './province.constant';
import { JUSTICE_PROCEDURES, POLICE_PROCEDURES } from './labelled/labelled-province.constant';
import type { AccountRole, Province, SimAccount, SimUnit } from './province.type';
import { SeededRandom } from './random.util';

export interface ProvinceOptions {
  /** Units in the province (departments, communes, post offices together). Default 60. */
  units?: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Departments first, then communes, then post offices: about one third each beyond the departments. */
function buildUnits(total: number): SimUnit[] {
  const departments = Math.min(DEPARTMENTS.length, Math.max(1, Math.round(total * 0.3)));
  const postOffices = Math.min(POST_OFFICE_TOWNS.length, Math.max(1, Math.round(total * 0.15)));
  const communes = Math.max(1, total - departments - postOffices);
  const units: SimUnit[] = [];
  for (let i = 0; i < departments; i++) {
    const slug = DEPARTMENTS[i];
    units.push({
      code: `000.00.${pad(i + 1, 2)}.H52`,
      slug,
      name: DEPARTMENT_LABELS[slug],
      kind: 'department',
      sourceSystem: 'igate',
      subnet: { v6: false, prefix: `10.52.${i + 1}.` },
      procedures: DEPARTMENT_PROCEDURES[slug] ?? GENERAL_PROCEDURES,
      dossierPrefix: pad(1000 + i + 1, 6) + '052',
    });
  }
  for (let i = 0; i < communes; i++) {
    const district = 21 + (i % 11);
    const commune = Math.floor(i / 11) + 1;
    units.push({
      code: `000.${district}.${pad(commune, 2)}.H52`,
      slug: `xa${pad(i + 1, 2)}`,
      name: `UBND xã ${i + 1}`,
      kind: 'commune',
      sourceSystem: 'igate',
      // A few communes sit on the province's IPv6 network.
      subnet:
        i % 9 === 4
          ? { v6: true, prefix: `2001:db8:52:${(i + 1).toString(16)}::` }
          : { v6: false, prefix: `10.52.${100 + i}.` },
      procedures: COMMUNE_PROCEDURES,
      dossierPrefix: pad(district * 100 + commune, 6) + '052',
    });
  }
  for (let i = 0; i < postOffices; i++) {
    units.push({
      code: `BD.52.${pad(i + 1, 3)}`,
      slug: POST_OFFICE_TOWNS[i],
      name: `Bưu điện ${TOWN_LABELS[POST_OFFICE_TOWNS[i]]}`,
      kind: 'post_office',
      sourceSystem: 'dvc-buudien',
      subnet: { v6: false, prefix: `10.60.${i + 1}.` },
      procedures: POST_OFFICE_PROCEDURES,
      dossierPrefix: `BD52`,
    });
  }
  return units;
}

function staffing(rng: SeededRandom, unit: SimUnit): AccountRole[] {
  const roles: AccountRole[] = [];
  const add = (role: AccountRole, n: number): void => {
    for (let i = 0; i < n; i++) roles.push(role);
  };
  if (unit.kind === 'post_office') {
    add('nhan_vien_buu_chinh', rng.int(3, 8));
    return roles;
  }
  const department = unit.kind === 'department';
  add('chuyen_vien', department ? rng.int(12, 45) : rng.int(4, 14));
  add('van_thu', department ? rng.int(2, 5) : rng.int(1, 2));
  add('lanh_dao', department ? rng.int(2, 4) : rng.int(1, 2));
  if (department && rng.chance(0.25)) add('service', 1);
  return roles;
}

function personName(rng: SeededRandom): { latin: string; label: string } {
  const parts = [rng.pick(FAMILY_NAMES), rng.pick(MIDDLE_NAMES), rng.pick(GIVEN_NAMES)];
  return { latin: parts.join(''), label: parts.map((p) => NAME_LABELS[p]).join(' ') };
}

function accountId(unit: SimUnit, role: AccountRole, name: string): string {
  if (role === 'service') return `svc.${unit.slug}.lienthong`;
  return `${unit.kind === 'post_office' ? 'bd' : 'cb'}.${unit.slug}.${name}`;
}

function hostAddress(unit: SimUnit, host: number): string {
  return unit.subnet.v6 ? `${unit.subnet.prefix}${host.toString(16)}` : `${unit.subnet.prefix}${host}`;
}

/**
 * Where the account is in its life: most work every day; a few moved (chuyển công tác) or retired and a few
 * have not signed in for months. None of those makes traffic (anomaly scenarios may use them).
 */
function lifecycle(
  rng: SeededRandom,
  role: AccountRole,
): Pick<SimAccount, 'status' | 'idleDays' | 'ageDays'> & { works: boolean } {
  const ageDays = rng.int(120, 2500) + 0.6;
  // Last sign-in during office hours (09:30-16:30) of some earlier day.
  const daysAgo = (min: number, max: number): number => rng.int(min, max) + 0.3 + rng.next() * 0.3;
  const r = role === 'service' ? 1 : rng.next();
  if (r < 0.02) return { status: 'transferred', idleDays: daysAgo(20, 200), ageDays, works: false };
  if (r < 0.03) return { status: 'retired', idleDays: daysAgo(30, 400), ageDays, works: false };
  if (r < 0.07) return { status: 'active', idleDays: daysAgo(95, 300), ageDays, works: false };
  return { status: 'active', idleDays: daysAgo(0, 3), ageDays, works: true };
}

function buildAccounts(rng: SeededRandom, units: SimUnit[]): SimAccount[] {
  const accounts: SimAccount[] = [];
  const taken = new Set<string>();
  for (const unit of units) {
    let host = 10;
    for (const role of staffing(rng, unit)) {
      let person = personName(rng);
      let id = accountId(unit, role, person.latin);
      for (let n = 2; taken.has(id); n++) {
        person = personName(rng);
        id = `${accountId(unit, role, person.latin)}${n}`;
      }
      taken.add(id);
      host += rng.int(1, 6);
      const { works, ...life } = lifecycle(rng, role);
      const agent =
        role === 'service'
          ? SERVICE_AGENT
          : role === 'nhan_vien_buu_chinh'
            ? KIOSK_AGENT
            : rng.pick(BROWSER_AGENTS);
      accounts.push({
        accountId: id,
        fullName: role === 'service' ? `Tài khoản liên thông ${unit.name}` : person.label,
        unit,
        role,
        clientIp: hostAddress(unit, role === 'service' ? 250 : host),
        userAgent: agent,
        // People differ: some officials look up far more than their colleagues.
        activity: works ? ROLE_ACTIVITY[role] * (0.3 + rng.exponential(0.7)) : 0,
        ...life,
        terminalId: role === 'nhan_vien_buu_chinh' ? `kiosk-${rng.int(1, 12)}` : undefined,
      });
    }
  }
  return accounts;
}

/** A province with its units and accounts, the same for the same seed. */
export function buildProvince(seed: string, options: ProvinceOptions = {}): Province {
  const rng = new SeededRandom(`${seed}:province`);
  const units = buildUnits(Math.max(3, options.units ?? 60));
  return { code: '052', unitSuffix: 'H52', units, accounts: buildAccounts(rng, units) };
}

/** A connected system as an operator registers it (POST /v1/source-systems) before its events flow. */
export interface SimulatedSourceSystem {
  code: SimUnit['sourceSystem'];
  name: string;
  operatorOrg: string;
  allowedFields: string[];
}

/**
 * The systems the simulator's events come from, each declared with every data field its units' procedures
 * return (anomalies may return more: those events are flagged, as they should be).
 */
export function simulatedSourceSystems(): SimulatedSourceSystem[] {
  const fieldsOf = (procedures: { fields: readonly string[] }[]): string[] => [...new Set(procedures.flatMap((p) => p.fields))].sort();
  return [
    {
      code: 'igate',
      name: 'Hệ thống thông tin giải quyết TTHC tỉnh',
      operatorOrg: 'VNPT',
      // The labelled province's police and justice offices send through the same system.
      allowedFields: fieldsOf([
        ...Object.values(DEPARTMENT_PROCEDURES).flat(),
        ...GENERAL_PROCEDURES,
        ...COMMUNE_PROCEDURES,
        ...POLICE_PROCEDURES,
        ...JUSTICE_PROCEDURES,
      ]),
    },
    { code: 'dvc-buudien', name: 'Dịch vụ công qua Bưu điện', operatorOrg: 'Bưu điện tỉnh', allowedFields: fieldsOf(POST_OFFICE_PROCEDURES) },
  ];
}
