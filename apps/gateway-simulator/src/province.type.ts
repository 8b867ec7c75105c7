/** What a simulated province is made of. Roles follow the TTHC system's account directory. */
export type AccountRole = 'chuyen_vien' | 'van_thu' | 'lanh_dao' | 'nhan_vien_buu_chinh' | 'service';

/** police: Công an huyện; justice: Phòng Tư pháp huyện (the labelled province has them). */
export type UnitKind = 'department' | 'commune' | 'post_office' | 'police' | 'justice';

export interface Procedure {
  /** Mã TTHC, e.g. 1.001612. */
  code: string;
  name: string;
  /** Field-catalog codes returned by a lookup for this procedure. */
  fields: readonly string[];
  /** Whether the official looks up every member of the household, or only the applicant. */
  wholeHousehold: boolean;
}

export interface SimUnit {
  code: string;
  /** As the directory writes it (Sở Tư pháp, UBND xã 12, Bưu điện Quy Nhơn). */
  name: string;
  /** Short latin name used in account ids (tuphap, xa12, quynhon). */
  slug: string;
  kind: UnitKind;
  sourceSystem: 'igate' | 'dvc-buudien';
  /** Office network: accounts of the unit keep one address in it. */
  subnet: { v6: boolean; prefix: string };
  procedures: readonly Procedure[];
  /** Serial of the unit in dossier codes (000001052 in 000001052-261120-0042). */
  dossierPrefix: string;
  /** Open on Saturday mornings (some communes' one-stop desks). */
  saturdayMorning?: boolean;
}

/** Directory status: transferred (chuyển công tác) and retired (nghỉ việc) accounts should be locked. */
export type AccountStatus = 'active' | 'transferred' | 'retired';

export interface SimAccount {
  accountId: string;
  /** With diacritics, as people write it; the account id is its latin form. */
  fullName: string;
  unit: SimUnit;
  role: AccountRole;
  clientIp: string;
  userAgent: string;
  /** Relative share of the province's traffic; 0 for accounts that no longer work (see status, idleDays). */
  activity: number;
  status: AccountStatus;
  /** Days before the simulated start of the last sign-in the TTHC system knows of. */
  idleDays: number;
  /** Days before the simulated start when the account was created. */
  ageDays: number;
  /** Kiosk of a post-office clerk, sent as an extra property by dvc-buudien. */
  terminalId?: string;
  /** Labelled province: the citizens this person looks up on an ordinary working day. */
  rate?: number;
  /** Labelled province: the simulated day (0-based) of the first sign-in, for staff who join during the run. */
  firstDay?: number;
}

export interface Province {
  /** Three digits that open the personal IDs of citizens born here (052). */
  code: string;
  /** Suffix of unit codes (H52). */
  unitSuffix: string;
  units: SimUnit[];
  accounts: SimAccount[];
}

export interface Citizen {
  personalId: string;
}

export interface Household {
  members: Citizen[];
}
