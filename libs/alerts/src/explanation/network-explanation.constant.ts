import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { formatDateEn, formatDateTimeEn, formatDateTimeVi, formatDateVi, formatNumberEn, formatNumberVi, formatShareVi } from './vi-format.util';

/**
 * The network detectors' phrases (libs/detection, docs/detection.md "Unusual network"): foreign_network,
 * concurrent_networks. Each reads the evidence its detector writes; a value the evidence lacks leaves its clause out.
 */
const at = (e: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), e);
const num = (e: unknown, path: string): number | undefined => {
  const v = at(e, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
const strings = (e: unknown, path: string): string[] => {
  const v = at(e, path);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
const dateOf = (e: unknown, path: string): Date | undefined => {
  const v = at(e, path);
  const d = typeof v === 'string' || v instanceof Date ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};
/** A local day 'YYYY-MM-DD' as an instant inside it (noon in Vietnam), for the date formatters. */
const noonOf = (day: string): Date => new Date(`${day}T12:00:00+07:00`);
const timeOf = (d: Date, timeZone: string): string => formatDateTimeVi(d, timeZone).slice(0, 5);

function list(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function dossierClause(e: Record<string, unknown>): { vi: string; en: string } {
  const own = num(e, 'ownUnitDossierShare');
  if (own === undefined) return { vi: '', en: '' };
  return { vi: `; ${formatShareVi(own)} lượt tra cứu gắn hồ sơ của đơn vị`, en: `; ${formatShareVi(own)} of the lookups name a dossier of its unit` };
}

function foreignNetwork(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const addresses = strings(e, 'addresses');
  const network = typeof e.network === 'string' ? e.network : '';
  const days = strings(e, 'days');
  const history = num(e, 'history.days');
  const known = num(e, 'knownNetworks.count');
  const registered = e.unitHasNetworks === true;
  const daysVi = list(days.map((d) => formatDateVi(noonOf(d), c.timeZone)), 'và');
  const daysEn = list(days.map((d) => formatDateEn(noonOf(d), c.timeZone)), 'and');
  const netVi = network ? ` (mạng ${network})` : '';
  const netEn = network ? ` (network ${network})` : '';
  const where = addresses.length
    ? { vi: `địa chỉ ${list(addresses, 'và')}${netVi}`, en: `${addresses.length > 1 ? 'addresses' : 'address'} ${list(addresses, 'and')}${netEn}` }
    : { vi: `một mạng mới${netVi}`, en: `a new network${netEn}` };
  const pastVi = `chưa từng dùng${history !== undefined ? ` trong ${formatNumberVi(history)} ngày trước` : ''}${known !== undefined ? ` (trước đó dùng ${formatNumberVi(known)} mạng khác)` : ''}`;
  const pastEn = `never used${history !== undefined ? ` in the ${formatNumberEn(history)} days before` : ''}${known !== undefined ? ` (it used ${formatNumberEn(known)} other network(s) before)` : ''}`;
  const dossier = dossierClause(e);
  return {
    vi:
      `Tài khoản ${who} làm việc từ ${where.vi} ngày ${daysVi || formatDateVi(c.windowStart, c.timeZone)}: ` +
      `${registered ? 'ngoài các mạng đã đăng ký của đơn vị và ' : ''}${pastVi}${registered ? '' : ' (đơn vị chưa đăng ký mạng nào)'}${dossier.vi}. ` +
      `Cần xác minh ai đã dùng tài khoản từ nơi này.`,
    en:
      `Account ${who} worked from ${where.en} on ${daysEn || formatDateEn(c.windowStart, c.timeZone)}: ` +
      `${registered ? "outside its unit's registered networks and " : ''}${pastEn}${registered ? '' : ' (the unit has registered no network)'}${dossier.en}. ` +
      `Find out who used the account from there.`,
  };
}

function side(e: unknown, i: number): { vi: string; en: string } {
  const network = typeof at(e, `networks.${i}.network`) === 'string' ? (at(e, `networks.${i}.network`) as string) : undefined;
  const events = num(e, `networks.${i}.events`) ?? 0;
  const inside = at(e, `networks.${i}.inside`) === true;
  const addresses = strings(e, `networks.${i}.addresses`);
  const where = addresses.length === 1 ? addresses[0] : network ? `mạng ${network}` : `mạng thứ ${i + 1}`;
  const whereEn = addresses.length === 1 ? addresses[0] : network ? `network ${network}` : `network ${i + 1}`;
  return {
    vi: `${formatNumberVi(events)} thao tác từ ${where} (${inside ? 'mạng đã đăng ký của đơn vị' : 'ngoài mạng của đơn vị'})`,
    en: `${formatNumberEn(events)} actions from ${whereEn} (${inside ? "a registered network of the unit" : "outside the unit's networks"})`,
  };
}

function concurrentNetworks(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const from = dateOf(e, 'overlap.from') ?? c.occurredAt;
  const to = dateOf(e, 'overlap.to') ?? from;
  const minutes = num(e, 'overlap.minutes') ?? 0;
  const [a, b] = [side(e, 0), side(e, 1)];
  return {
    vi:
      `Tài khoản ${who} hoạt động cùng lúc từ hai nơi ngày ${formatDateVi(from, c.timeZone)}: từ ${timeOf(from, c.timeZone)} đến ${timeOf(to, c.timeZone)} ` +
      `(${formatNumberVi(minutes)} phút), ${a.vi} xen kẽ với ${b.vi}. Một người không làm việc ở hai nơi một lúc: ` +
      `tài khoản có thể đang được dùng chung hoặc đã lộ mật khẩu.`,
    en:
      `Account ${who} was active from two places at once on ${formatDateEn(from, c.timeZone)}: from ${formatDateTimeEn(from, c.timeZone).slice(0, 5)} to ${formatDateTimeEn(to, c.timeZone).slice(0, 5)} ` +
      `(${formatNumberEn(minutes)} minutes), ${a.en} interleaved with ${b.en}. One person does not work from two places at once: ` +
      `the account may be shared or its password known to someone else.`,
  };
}

export const NETWORK_EXPLANATION_TEMPLATES = {
  foreign_network: foreignNetwork,
  concurrent_networks: concurrentNetworks,
};
