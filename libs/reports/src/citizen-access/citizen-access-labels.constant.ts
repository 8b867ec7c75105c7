import { FIELD_CATALOG_V1 } from '@app/contracts';

/** Actions on a citizen's record in the words a citizen reads (login and logout name no citizen). */
export const ACCESS_ACTION_VI: Record<string, string> = {
  lookup: 'Tra cứu thông tin',
  verify: 'Xác thực thông tin',
  export: 'Kết xuất dữ liệu',
};

/** A result other than success, said after the action. */
export const ACCESS_RESULT_VI: Record<string, string> = {
  not_found: 'không tìm thấy',
  denied: 'bị từ chối',
  error: 'lỗi, không trả kết quả',
};

const FIELD_LABELS = new Map(FIELD_CATALOG_V1.fields.map((f) => [f.code, f.label]));

/** A field code as the field catalog names it in Vietnamese (the code itself when the catalog does not know it). */
export const fieldLabelVi = (code: string): string => FIELD_LABELS.get(code) ?? code;

export const actionVi = (action: string, result: string): string =>
  `${ACCESS_ACTION_VI[action] ?? action}${result === 'success' ? '' : ` (${ACCESS_RESULT_VI[result] ?? result})`}`;
