import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { num, str } from './evidence-path.util';
import { formatDateEn, formatDateTimeEn, formatDateTimeVi, formatDateVi, formatNumberEn, formatNumberVi, formatShareVi, timesOf } from './vi-format.util';

/**
 * The volume detectors' phrases (libs/detection, docs/detection.md "Volume"): volume_own_baseline, volume_peers,
 * unit_surge. Each reads the evidence its detector writes; a number the evidence lacks leaves its clause out.
 */
const PEER_GROUP_VI: Record<string, string> = { unit_role: 'đồng nghiệp cùng đơn vị, cùng vai trò', unit_kind_role: 'đồng nghiệp cùng loại đơn vị, cùng vai trò' };
const PEER_GROUP_EN: Record<string, string> = { unit_role: 'peers of the same unit and role', unit_kind_role: 'peers of the same kind of unit and role' };

/** "tra cứu 212 công dân" or "212 lượt tra cứu", as the metric that fired. */
function observedPhrase(e: Record<string, unknown>, n: number): { vi: string; en: string } {
  return str(e, 'metric') === 'lookups'
    ? { vi: `có ${formatNumberVi(n)} lượt tra cứu`, en: `made ${formatNumberEn(n)} lookups` }
    : { vi: `tra cứu ${formatNumberVi(n)} công dân`, en: `looked up ${formatNumberEn(n)} citizens` };
}

/** How much of the day its dossiers do not explain; alerts raised before the explained share say "no dossier". */
function dossierClause(e: Record<string, unknown>): { vi: string; en: string } {
  const explained = num(e, 'explainedShare');
  if (explained !== undefined) {
    const unexplained = Math.round((1 - explained) * 1000) / 1000;
    return {
      vi: `; ${formatShareVi(unexplained)} lượt tra cứu không được giải thích bởi hồ sơ`,
      en: `; ${formatShareVi(unexplained)} of the lookups are not explained by a dossier`,
    };
  }
  const without = num(e, 'withoutDossierShare');
  if (without === undefined) return { vi: '', en: '' };
  return {
    vi: `; ${formatShareVi(without)} lượt tra cứu không gắn hồ sơ`,
    en: `; ${formatShareVi(without)} of the lookups name no dossier`,
  };
}

function accountVolume(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const n = num(e, 'observed.value') ?? 0;
  const baseline = num(e, 'expected.baseline');
  const peers = num(e, 'expected.peers');
  const group = str(e, 'peers.group') ?? 'unit_role';
  const peerCount = num(e, 'peers.count');
  const days = num(e, 'baseline.days');
  const who = c.accountIds[0] ?? '';
  const what = observedPhrase(e, n);
  const dossier = dossierClause(e);
  const baselineVi = baseline !== undefined ? `, gấp ${formatNumberVi(timesOf(n, baseline))} lần mức thường ngày (${formatNumberVi(baseline)})` : '';
  const baselineEn = baseline !== undefined ? `, ${formatNumberEn(timesOf(n, baseline))} times its usual day (${formatNumberEn(baseline)})` : '';
  const peersVi = peers !== undefined ? `${baseline !== undefined ? ' và' : ','} gấp ${formatNumberVi(timesOf(n, peers))} lần ${PEER_GROUP_VI[group]} (${formatNumberVi(peers)}${peerCount ? `, ${formatNumberVi(peerCount)} người` : ''})` : '';
  const peersEn = peers !== undefined ? `${baseline !== undefined ? ' and' : ','} ${formatNumberEn(timesOf(n, peers))} times its ${PEER_GROUP_EN[group]} (${formatNumberEn(peers)}${peerCount ? `, ${formatNumberEn(peerCount)} people` : ''})` : '';
  const newVi = baseline === undefined && days !== undefined ? ` (mới có ${formatNumberVi(days)} ngày làm việc, chưa đủ để so với chính mình)` : '';
  const newEn = baseline === undefined && days !== undefined ? ` (only ${formatNumberEn(days)} working days of history, too few to compare with itself)` : '';
  return {
    vi: `Tài khoản ${who} ${what.vi} ngày ${formatDateVi(c.windowStart, c.timeZone)}${baselineVi}${peersVi}${newVi}${dossier.vi}.`,
    en: `Account ${who} ${what.en} on ${formatDateEn(c.windowStart, c.timeZone)}${baselineEn}${peersEn}${newEn}${dossier.en}.`,
  };
}

function unitSurge(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const unit = str(e, 'unitCode') ?? '';
  const rising = num(e, 'rising') ?? 0;
  const judged = num(e, 'judged') ?? 0;
  const factor = num(e, 'parameters.riseFactor') ?? 2;
  const today = num(e, 'memberMedian');
  const usual = num(e, 'usualMemberMedian');
  // A campaign's notice spans its run of days; the figures are of its latest day.
  const last = new Date(c.windowEnd.getTime() - 1);
  const oneDay = formatDateVi(c.windowStart, c.timeZone) === formatDateVi(last, c.timeZone);
  const whenVi = oneDay ? `ngày ${formatDateVi(c.windowStart, c.timeZone)}` : `từ ngày ${formatDateVi(c.windowStart, c.timeZone)} đến ngày ${formatDateVi(last, c.timeZone)}`;
  const whenEn = oneDay ? `on ${formatDateEn(c.windowStart, c.timeZone)}` : `from ${formatDateEn(c.windowStart, c.timeZone)} to ${formatDateEn(last, c.timeZone)}`;
  const medianVi = today !== undefined && usual !== undefined ? ` (ngày gần nhất mỗi người trung vị ${formatNumberVi(today)} lượt, thường ngày ${formatNumberVi(usual)})` : '';
  const medianEn = today !== undefined && usual !== undefined ? ` (on the latest day a median of ${formatNumberEn(today)} lookups each, against ${formatNumberEn(usual)} usually)` : '';
  return {
    vi:
      `Đơn vị ${unit}: ${formatNumberVi(rising)}/${formatNumberVi(judged)} tài khoản cùng tra cứu gấp ${formatNumberVi(factor)} lần trở lên mức thường ngày của mình ` +
      `${whenVi}${medianVi}. Cả đơn vị cùng tăng thường là một đợt cao điểm (chiến dịch, đợt cấp căn cước lưu động): ` +
      `kiểm tra đơn vị có đăng ký đợt này không. Không cảnh báo riêng từng tài khoản.`,
    en:
      `Unit ${unit}: ${formatNumberEn(rising)} of ${formatNumberEn(judged)} accounts looked up ${formatNumberEn(factor)} times their usual volume or more ` +
      `${whenEn}${medianEn}. A whole unit rising together is usually a campaign (a mobile ID-card drive): ` +
      `check that the unit registered it. Its members are not alerted one by one.`,
  };
}

/** "… có 112 lượt tra cứu trong một giờ từ 09:00 14/11/2026, gấp 14 lần giờ bận nhất thường ngày (8) …" */
function hourlyVolume(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const n = num(e, 'observed.value') ?? 0;
  const baseline = num(e, 'expected.baseline');
  const day = num(e, 'observed.dayLookups');
  const who = c.accountIds[0] ?? '';
  const dossier = dossierClause(e);
  const usualVi = baseline !== undefined ? `, gấp ${formatNumberVi(timesOf(n, baseline))} lần giờ bận nhất thường ngày của tài khoản (${formatNumberVi(baseline)})` : '';
  const usualEn = baseline !== undefined ? `, ${formatNumberEn(timesOf(n, baseline))} times its usual busiest hour (${formatNumberEn(baseline)})` : '';
  const dayVi = day !== undefined ? `; cả ngày ${formatNumberVi(day)} lượt` : '';
  const dayEn = day !== undefined ? `; ${formatNumberEn(day)} in the whole day` : '';
  return {
    vi: `Tài khoản ${who} có ${formatNumberVi(n)} lượt tra cứu trong một giờ từ ${formatDateTimeVi(c.windowStart, c.timeZone)}${usualVi}${dayVi}${dossier.vi}.`,
    en: `Account ${who} made ${formatNumberEn(n)} lookups in one hour from ${formatDateTimeEn(c.windowStart, c.timeZone)}${usualEn}${dayEn}${dossier.en}.`,
  };
}

export const VOLUME_EXPLANATION_TEMPLATES = {
  volume_own_baseline: accountVolume,
  volume_peers: accountVolume,
  volume_hourly: hourlyVolume,
  unit_surge: unitSurge,
};
