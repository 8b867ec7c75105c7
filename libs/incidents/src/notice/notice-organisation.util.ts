import type { ReportOrganisation } from '@app/config';
import type { NoticeOrganisation } from './breach-notice.type';

/** The organisation as the breach notice prints it, from the reports' organisation file and its notice object. */
export function noticeOrganisationOf(o: ReportOrganisation): NoticeOrganisation {
  const n = o.notice;
  const signer = n.signer ?? o.signer;
  return {
    name: n.name,
    headOfficeAddress: n.headOfficeAddress,
    transactionAddress: n.transactionAddress ?? n.headOfficeAddress,
    foundingDocument: n.foundingDocument,
    taxCode: n.taxCode ?? null,
    phone: n.phone,
    email: n.email ?? o.email ?? '',
    website: n.website ?? o.website ?? null,
    dataProtectionLead: { ...n.dataProtectionLead },
    place: o.place,
    governingBody: o.governingBody,
    issuingBody: o.issuingBody,
    symbol: n.symbol,
    signer: { authority: signer.authority ?? '', title: signer.title, name: signer.name },
    recipients: [
      n.recipients.ministry,
      ...(n.recipients.notifyProvince && n.recipients.province ? [n.recipients.province] : []),
    ],
    copies: [...n.recipients.copies],
  };
}
