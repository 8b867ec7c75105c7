import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { evidenceAt, evidenceNumber as num, windowPhrase, withoutDossierClause } from './evidence-reader.util';
import { formatNumberEn, formatNumberVi } from './vi-format.util';

/** The off-hours detector's phrase (libs/detection, docs/detection.md "Off-hours"): off_hours. */
const KINDS: [key: string, vi: string, en: string][] = [
  ['nights', 'đêm (22h-6h)', 'night(s) (22:00-06:00)'],
  ['outsideHours', 'buổi ngoài giờ ngày làm việc', 'evening(s) or early morning(s) of working days'],
  ['sundays', 'Chủ nhật', 'Sunday(s)'],
  ['saturdays', 'thứ Bảy đơn vị nghỉ', 'Saturday(s) the unit is closed'],
  ['closedDays', 'ngày đơn vị không làm việc', 'other day(s) the unit is closed'],
  ['holidays', 'ngày lễ, ngày nghỉ', 'public holiday(s) or day(s) off'],
];

function breakdown(e: Record<string, unknown>): { vi: string; en: string } {
  const parts = KINDS.map(([key, vi, en]) => ({ n: num(e, `observed.${key}`) ?? 0, vi, en })).filter((p) => p.n > 0);
  const names = evidenceAt(e, 'observed.holidayNames');
  const holidays = Array.isArray(names) && names.length ? ` (${names.join(', ')})` : '';
  return {
    vi: parts.map((p) => `${formatNumberVi(p.n)} ${p.vi}`).join(', ') + holidays,
    en: parts.map((p) => `${formatNumberEn(p.n)} ${p.en}`).join(', ') + holidays,
  };
}

function offHours(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const lookups = num(e, 'observed.lookups') ?? 0;
  const days = num(e, 'observed.days') ?? 0;
  const windowDays = num(e, 'parameters.windowDays') ?? 28;
  const habit = num(e, 'expected.habit');
  const peers = num(e, 'expected.peers');
  const peerCount = num(e, 'peers.count');
  const when = windowPhrase(c);
  const kinds = breakdown(e);
  const habitVi =
    habit === undefined ? 'chưa đủ lịch sử để biết thói quen của tài khoản' : habit === 0 ? 'thường ngày tài khoản không tra cứu ngoài giờ' : `mức thường của tài khoản là ${formatNumberVi(habit)} lượt ngoài giờ trong ${formatNumberVi(windowDays)} ngày`;
  const habitEn =
    habit === undefined ? 'too little history to know the account\'s habit' : habit === 0 ? 'the account does not usually work off-hours' : `the account usually makes ${formatNumberEn(habit)} off-hours lookups in ${formatNumberEn(windowDays)} days`;
  const peersVi = peers !== undefined ? `, đồng nghiệp cùng đơn vị ${formatNumberVi(peers)} lượt (trung vị${peerCount ? `, ${formatNumberVi(peerCount)} người` : ''})` : '';
  const peersEn = peers !== undefined ? `, its peers in the unit ${formatNumberEn(peers)} (median${peerCount ? `, ${formatNumberEn(peerCount)} people` : ''})` : '';
  const dossier = withoutDossierClause(e, { vi: 'lượt tra cứu ngoài giờ', en: 'of the off-hours lookups' });
  return {
    vi: `Tài khoản ${who} có ${formatNumberVi(lookups)} lượt tra cứu ngoài giờ làm việc trong ${formatNumberVi(days)} ngày, ${when.vi}: ${kinds.vi}; ${habitVi}${peersVi}${dossier.vi}.`,
    en: `Account ${who} made ${formatNumberEn(lookups)} lookups outside working hours on ${formatNumberEn(days)} days ${when.en}: ${kinds.en}; ${habitEn}${peersEn}${dossier.en}.`,
  };
}

export const OFF_HOURS_EXPLANATION_TEMPLATES = { off_hours: offHours };
