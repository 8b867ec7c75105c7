import { FIELD_CATALOG_V1 } from '@app/contracts';
import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { at, num, str } from './evidence-path.util';
import { formatDateEn, formatDateVi, formatNumberEn, formatNumberVi, formatShareVi } from './vi-format.util';

/**
 * The phrases of the share detectors (libs/detection, docs/detection.md): unexplained_lookups (6) and
 * sensitive_fields (10). Both read the same evidence: the window, the share observed, the usual shares.
 */
const PEERS_VI: Record<string, string> = { unit_role: 'đồng nghiệp cùng đơn vị, cùng vai trò', role: 'đồng nghiệp cùng vai trò' };
const PEERS_EN: Record<string, string> = { unit_role: 'peers of the same unit and role', role: 'peers of the same role' };
const FIELD_LABEL_VI = new Map(FIELD_CATALOG_V1.fields.map((f) => [f.code, f.label.toLowerCase()]));

/** A local day (YYYY-MM-DD) as the instant of its noon in Vietnam, for the date formatters. */
const dayAt = (day: string | undefined, fallback: Date): Date => (day ? new Date(`${day}T12:00:00+07:00`) : fallback);

function shareWindow(c: ExplanationContext, what: { vi: string; en: string }, fields: { vi: string; en: string }): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const from = dayAt(str(e, 'window.from'), c.windowStart);
  const to = dayAt(str(e, 'window.to'), new Date(c.windowEnd.getTime() - 1));
  const days = num(e, 'window.workingDays');
  const n = num(e, 'observed.count') ?? 0;
  const lookups = num(e, 'observed.lookups') ?? 0;
  const share = num(e, 'observed.share') ?? 0;
  const own = num(e, 'expected.own');
  const peers = num(e, 'expected.peers');
  const group = str(e, 'peers.group') ?? 'unit_role';
  const peerCount = num(e, 'peers.count');
  const usualVi = [
    own !== undefined ? `thường ngày của tài khoản là ${formatShareVi(own)}` : 'tài khoản chưa đủ lịch sử để so với chính mình',
    peers !== undefined ? `của ${PEERS_VI[group]} là ${formatShareVi(peers)}${peerCount ? ` (${formatNumberVi(peerCount)} người)` : ''}` : '',
  ].filter(Boolean);
  const usualEn = [
    own !== undefined ? `its usual share is ${formatShareVi(own)}` : 'too little history to compare it with itself',
    peers !== undefined ? `its ${PEERS_EN[group]}' is ${formatShareVi(peers)}${peerCount ? ` (${formatNumberEn(peerCount)} people)` : ''}` : '',
  ].filter(Boolean);
  const daysVi = days !== undefined ? ` (${formatNumberVi(days)} ngày làm việc)` : '';
  const daysEn = days !== undefined ? ` (${formatNumberEn(days)} working days)` : '';
  return {
    vi:
      `Tài khoản ${who}: từ ngày ${formatDateVi(from, c.timeZone)} đến ngày ${formatDateVi(to, c.timeZone)}${daysVi}, ` +
      `${formatNumberVi(n)}/${formatNumberVi(lookups)} lượt tra cứu (${formatShareVi(share)}) ${what.vi}${fields.vi}, trong khi ${usualVi.join(' và ')}.`,
    en:
      `Account ${who}: from ${formatDateEn(from, c.timeZone)} to ${formatDateEn(to, c.timeZone)}${daysEn}, ` +
      `${formatNumberEn(n)} of ${formatNumberEn(lookups)} lookups (${formatShareVi(share)}) ${what.en}${fields.en}, while ${usualEn.join(' and ')}.`,
  };
}

function unexplainedLookups(c: ExplanationContext): AlertExplanation {
  return shareWindow(
    c,
    { vi: 'không được giải thích bởi hồ sơ của đơn vị (có hồ sơ, có thủ tục và chỉ lấy các trường thủ tục cần)', en: "are not explained by a dossier of its unit (a dossier, a procedure, and only the fields the procedure needs)" },
    { vi: '', en: '' },
  );
}

function sensitiveFields(c: ExplanationContext): AlertExplanation {
  const seen = at(c.evidence, 'sensitiveFields');
  const codes = seen && typeof seen === 'object' ? Object.entries(seen as Record<string, number>).sort((a, b) => b[1] - a[1]).map(([code]) => code) : [];
  return shareWindow(
    c,
    { vi: 'trả về thông tin nhạy cảm mà thủ tục của hồ sơ không cần', en: "returned sensitive data their dossier's procedure does not need" },
    codes.length
      ? { vi: ` (${codes.map((f) => FIELD_LABEL_VI.get(f) ?? f).join(', ')})`, en: ` (${codes.join(', ')})` }
      : { vi: '', en: '' },
  );
}

export const SHARE_WINDOW_EXPLANATION_TEMPLATES = {
  unexplained_lookups: unexplainedLookups,
  sensitive_fields: sensitiveFields,
};
