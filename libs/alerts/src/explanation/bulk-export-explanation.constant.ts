import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { evidenceNumber as num, evidenceString as str, windowPhrase } from './evidence-reader.util';
import { formatNumberEn, formatNumberVi, timesOf } from './vi-format.util';

const PEERS_VI: Record<string, string> = { unit_role: 'đồng nghiệp cùng đơn vị, cùng vai trò', unit_kind_role: 'đồng nghiệp cùng loại đơn vị, cùng vai trò' };
const PEERS_EN: Record<string, string> = { unit_role: 'peers of the same unit and role', unit_kind_role: 'peers of the same kind of unit and role' };

/** The bulk-export detector's phrase (libs/detection, docs/detection.md "Bulk export"): bulk_export. */
function bulkExport(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const total = num(e, 'observed.episodeExportedSubjects') ?? 0;
  const exports = num(e, 'observed.episodeExports') ?? 1;
  const days = num(e, 'observed.days') ?? 1;
  const largest = num(e, 'observed.exportedSubjects') ?? total;
  const own = num(e, 'expected.own');
  const peers = num(e, 'expected.peers');
  const group = str(e, 'peers.group') ?? 'unit_role';
  const when = windowPhrase(c);
  const daysVi = days > 1 ? ` trong ${formatNumberVi(days)} ngày, ngày nhiều nhất ${formatNumberVi(largest)}` : '';
  const daysEn = days > 1 ? ` on ${formatNumberEn(days)} days, ${formatNumberEn(largest)} on the largest` : '';
  const peersVi = peers !== undefined ? `, gấp ${formatNumberVi(timesOf(largest, peers))} lần mức ${PEERS_VI[group]} thường xuất (${formatNumberVi(peers)} công dân một ngày)` : ', đơn vị không có đủ lần xuất của đồng nghiệp để so';
  const peersEn = peers !== undefined ? `, ${formatNumberEn(timesOf(largest, peers))} times what its ${PEERS_EN[group]} export (${formatNumberEn(peers)} citizens a day)` : ', with too few exports by its peers to compare with';
  const ownVi = own !== undefined ? `; chính tài khoản thường xuất ${formatNumberVi(own)}` : '; trước đó tài khoản chưa từng xuất dữ liệu lớn như vậy';
  const ownEn = own !== undefined ? `; the account itself usually exports ${formatNumberEn(own)}` : '; the account had never exported on this scale before';
  return {
    vi: `Tài khoản ${who} xuất dữ liệu của ${formatNumberVi(total)} công dân (${formatNumberVi(exports)} lần xuất) ${when.vi}${daysVi}${peersVi}${ownVi}. Cần xác minh mục đích và nơi lưu giữ dữ liệu đã xuất.`,
    en: `Account ${who} exported the data of ${formatNumberEn(total)} citizens (${formatNumberEn(exports)} exports) ${when.en}${daysEn}${peersEn}${ownEn}. Find out what for, and where the exported data is kept.`,
  };
}

export const BULK_EXPORT_EXPLANATION_TEMPLATES = { bulk_export: bulkExport };
