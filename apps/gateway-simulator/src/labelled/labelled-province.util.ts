import {
  BROWSER_AGENTS,
  COMMUNE_PROCEDURES,
  DEPARTMENT_LABELS,
  DEPARTMENT_PROCEDURES,
  DEPARTMENTS,
  FAMILY_NAMES,
  GENERAL_PROCEDURES,
  GIVEN_NAMES,
  KIOSK_AGENT,
  MIDDLE_NAMES,
  NAME_LABELS,
  POST_OFFICE_PROCEDURES,
  POST_OFFICE_TOWNS,
  SERVICE_AGENT,
  TOWN_LABELS,
} from '../province.constant';
import type { AccountRole, Province, SimAccount, SimUnit, UnitKind } from '../province.type';
import { SeededRandom } from '../random.util';
import {
  DISTRICTS,
  JUSTICE_PROCEDURES,
  POLICE_PROCEDURES,
  UNIT_SIZE_WEIGHT,
} from './labelled-province.constant';

export interface ProvinceSizeOptions {
  /** Units of every kind together. Default 130. */
  units?: number;
  /** Accounts over all units, about. Default 1,000. */
  accounts?: number;
}

const MAX_UNIT_SIZE = 120;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function unit(kind: UnitKind, code: string, slug: string, name: string, subnet: SimUnit['subnet']): SimUnit {
  const procedures =
    kind === 'department'
      ? (DEPARTMENT_PROCEDURES[slug] ?? GENERAL_PROCEDURES)
      : {
          commune: COMMUNE_PROCEDURES,
          post_office: POST_OFFICE_PROCEDURES,
          police: POLICE_PROCEDURES,
          justice: JUSTICE_PROCEDURES,
        }[kind];
  // iGate dossier codes begin with the receiving unit's code (000.00.31.H52-260105-0001).
  return {
    code,
    slug,
    name,
    kind,
    subnet,
    procedures,
    dossierPrefix: code,
    sourceSystem: kind === 'post_office' ? 'dvc-buudien' : 'igate',
  };
}

/** Departments, post offices, one police and one justice office per district (as far as units go), communes. */
export function buildLabelledUnits(rng: SeededRandom, total: number): SimUnit[] {
  const departments = Math.min(DEPARTMENTS.length, Math.max(1, Math.round(total * 0.15)));
  const posts = Math.min(POST_OFFICE_TOWNS.length, Math.max(1, Math.round(total * 0.09)));
  const offices = Math.min(DISTRICTS, Math.max(1, Math.round(total * 0.085)));
  const communes = Math.max(1, total - departments - posts - 2 * offices);
  const units: SimUnit[] = [];
  for (let i = 0; i < departments; i++) {
    const slug = DEPARTMENTS[i];
    units.push(
      unit('department', `000.00.${pad(i + 1, 2)}.H52`, slug, DEPARTMENT_LABELS[slug], {
        v6: false,
        prefix: `10.52.${i + 1}.`,
      }),
    );
  }
  for (let i = 0; i < posts; i++) {
    const slug = POST_OFFICE_TOWNS[i];
    units.push(
      unit('post_office', `BD.52.${pad(i + 1, 3)}`, slug, `Bưu điện ${TOWN_LABELS[slug]}`, {
        v6: false,
        prefix: `10.60.${i + 1}.`,
      }),
    );
  }
  for (let i = 0; i < offices; i++) {
    const district = 21 + i;
    units.push(
      unit('police', `000.${district}.90.H52`, `ca${district}`, `Công an huyện ${i + 1}`, {
        v6: false,
        prefix: `10.53.${i + 1}.`,
      }),
    );
    units.push(
      unit('justice', `000.${district}.20.H52`, `tp${district}`, `Phòng Tư pháp huyện ${i + 1}`, {
        v6: false,
        prefix: `10.54.${i + 1}.`,
      }),
    );
  }
  for (let i = 0; i < communes; i++) {
    const district = 21 + (i % DISTRICTS);
    const commune = Math.floor(i / DISTRICTS) + 1;
    const subnet =
      i % 9 === 4
        ? { v6: true, prefix: `2001:db8:52:${(i + 1).toString(16)}::` }
        : { v6: false, prefix: `10.${55 + Math.floor(i / 150)}.${100 + (i % 150)}.` };
    const desk = unit(
      'commune',
      `000.${district}.${pad(commune, 2)}.H52`,
      `xa${pad(i + 1, 2)}`,
      `UBND xã ${i + 1}`,
      subnet,
    );
    // About one commune in eight opens its one-stop desk on Saturday mornings.
    desk.saturdayMorning = rng.chance(0.125);
    units.push(desk);
  }
  if (!units.some((u) => u.saturdayMorning)) units[units.length - 1].saturdayMorning = true;
  return units;
}

function roles(kind: UnitKind, size: number, rng: SeededRandom): AccountRole[] {
  if (kind === 'post_office') return Array<AccountRole>(size).fill('nhan_vien_buu_chinh');
  const list: AccountRole[] = ['lanh_dao'];
  if (kind === 'department') {
    list.push('lanh_dao', 'van_thu');
    if (rng.chance(0.25)) list.push('service');
  }
  if (kind === 'commune' && size >= 4) list.push('van_thu');
  while (list.length < size) list.push('chuyen_vien');
  return list;
}

/** A standard normal draw (Box-Muller). */
const gauss = (rng: SeededRandom): number =>
  Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

/** Citizens a person looks up on an ordinary day: from about 5 to 80 for officials, more for postal clerks. */
export function personalRate(role: AccountRole, rng: SeededRandom): number {
  const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
  switch (role) {
    case 'service':
      return clamp(Math.exp(Math.log(150) + 0.4 * gauss(rng)), 60, 300);
    case 'lanh_dao':
      return clamp(Math.exp(Math.log(3) + 0.4 * gauss(rng)), 1, 8);
    case 'van_thu':
      return clamp(Math.exp(Math.log(10) + 0.5 * gauss(rng)), 3, 30);
    case 'nhan_vien_buu_chinh':
      return clamp(Math.exp(Math.log(35) + 0.35 * gauss(rng)), 15, 70);
    default:
      return clamp(Math.exp(Math.log(25) + 0.65 * gauss(rng)), 5, 80);
  }
}

function person(rng: SeededRandom): { latin: string; label: string } {
  const parts = [rng.pick(FAMILY_NAMES), rng.pick(MIDDLE_NAMES), rng.pick(GIVEN_NAMES)];
  return { latin: parts.join(''), label: parts.map((p) => NAME_LABELS[p]).join(' ') };
}

/** Builds one account of the unit; `taken` keeps ids unique. */
export function newAccount(
  rng: SeededRandom,
  unit: SimUnit,
  role: AccountRole,
  host: number,
  taken: Set<string>,
): SimAccount {
  const name = person(rng);
  const base =
    role === 'service'
      ? `svc.${unit.slug}.lienthong`
      : `${unit.kind === 'post_office' ? 'bd' : 'cb'}.${unit.slug}.${name.latin}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  // Where the account is in its life: a few moved, retired or stopped signing in, and make no traffic.
  const r = role === 'service' ? 1 : rng.next();
  const life: Pick<SimAccount, 'status' | 'idleDays'> =
    r < 0.02
      ? { status: 'transferred', idleDays: rng.int(20, 200) + 0.4 }
      : r < 0.03
        ? { status: 'retired', idleDays: rng.int(30, 400) + 0.4 }
        : r < 0.06
          ? { status: 'active', idleDays: rng.int(95, 300) + 0.4 }
          : { status: 'active', idleDays: rng.int(1, 3) + 0.4 };
  const works = life.idleDays < 10;
  return {
    accountId: id,
    fullName: role === 'service' ? `Tài khoản liên thông ${unit.name}` : name.label,
    unit,
    role,
    clientIp: unit.subnet.v6 ? `${unit.subnet.prefix}${host.toString(16)}` : `${unit.subnet.prefix}${host}`,
    userAgent:
      role === 'service'
        ? SERVICE_AGENT
        : role === 'nhan_vien_buu_chinh'
          ? KIOSK_AGENT
          : rng.pick(BROWSER_AGENTS),
    activity: works ? 1 : 0,
    rate: works ? personalRate(role, rng) : 0,
    ...life,
    ageDays: rng.int(120, 2500) + 0.6,
    terminalId: role === 'nhan_vien_buu_chinh' ? `kiosk-${rng.int(1, 12)}` : undefined,
  };
}

/** The labelled province's units and accounts, the same for the same seed and options. */
export function buildLabelledProvince(seed: string, options: ProvinceSizeOptions = {}): Province {
  const rng = new SeededRandom(`${seed}:labelled-province`);
  const units = buildLabelledUnits(rng, Math.max(6, options.units ?? 130));
  const target = Math.max(units.length * 2, options.accounts ?? 1000);
  const weight = units.reduce((sum, u) => sum + UNIT_SIZE_WEIGHT[u.kind], 0);
  const accounts: SimAccount[] = [];
  const taken = new Set<string>();
  for (const u of units) {
    // At most 120 a unit, so that addresses stay in its /24: hosts 11-130 for staff, 150-199 for a new machine,
    // 200 and up for new staff, 250 for the integration account.
    const size = Math.min(
      MAX_UNIT_SIZE,
      Math.max(2, Math.round(((UNIT_SIZE_WEIGHT[u.kind] * target) / weight) * (0.6 + 0.8 * rng.next()))),
    );
    let host = 10;
    for (const role of roles(u.kind, size, rng)) {
      host += size > MAX_UNIT_SIZE / 2 ? 1 : rng.int(1, 2);
      accounts.push(newAccount(rng, u, role, role === 'service' ? 250 : host, taken));
    }
  }
  return { code: '052', unitSuffix: 'H52', units, accounts };
}

/** The unit's network as a CIDR (the /24 or /64 its accounts' addresses are in). */
export function unitCidr(u: SimUnit): string {
  return u.subnet.v6 ? `${u.subnet.prefix}/64` : `${u.subnet.prefix}0/24`;
}
