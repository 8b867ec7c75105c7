import { localDay } from '@app/detection';
import type { BreachNoticeForm } from './breach-notice.type';

/** Decree 356/2025/NĐ-CP replaced Decree 13/2023/NĐ-CP on this local day (Asia/Ho_Chi_Minh). */
export const DECREE_356_IN_FORCE_FROM = '2026-01-01';

/**
 * Form 08 of Decree 356/2025/NĐ-CP from 2026-01-01 (the local date of discovery in Vietnam), Form 03 of Decree
 * 13/2023/NĐ-CP before: the form in force when the violation was discovered.
 */
export function breachNoticeFormOn(discoveredAt: Date): BreachNoticeForm {
  return localDay(discoveredAt) >= DECREE_356_IN_FORCE_FROM ? 'decree-356-form-08' : 'decree-13-form-03';
}

export interface BreachNoticeFormText {
  /** "Mẫu số 08" */
  formNumber: string;
  /** "Nghị định số 356/2025/NĐ-CP" */
  decree: string;
  /** Printed at the top: which form of which decree the notice follows. */
  reference: string;
  /** Form 08 asks the tax code and the data-protection lead's email, Form 03 neither. */
  asksTaxCodeAndLeadEmail: boolean;
}

export const BREACH_NOTICE_FORMS: Record<BreachNoticeForm, BreachNoticeFormText> = {
  'decree-356-form-08': {
    formNumber: 'Mẫu số 08',
    decree: 'Nghị định số 356/2025/NĐ-CP',
    reference: 'Mẫu số 08 ban hành kèm theo Nghị định số 356/2025/NĐ-CP',
    asksTaxCodeAndLeadEmail: true,
  },
  'decree-13-form-03': {
    formNumber: 'Mẫu số 03',
    decree: 'Nghị định số 13/2023/NĐ-CP',
    reference: 'Mẫu số 03 ban hành kèm theo Nghị định số 13/2023/NĐ-CP',
    asksTaxCodeAndLeadEmail: false,
  },
};
