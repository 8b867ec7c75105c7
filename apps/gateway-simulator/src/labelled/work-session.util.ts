import type { QueryLogAction } from '@app/contracts';
import type { Procedure, SimAccount } from '../province.type';
import type { DraftEvent } from '../session.type';
import type { SessionContext } from '../session.util';
import type { SessionStyle } from './labelled-case.type';
import { SENSITIVE_FIELDS } from './labelled-province.constant';

const VERIFY_FIELDS = ['fullName', 'dateOfBirth', 'personalId'];
const EXPORT_FIELDS = ['fullName', 'dateOfBirth', 'gender', 'personalId', 'permanentResidence', 'phone'];
/** What an official reads of a citizen looked up outside a dossier. */
export const BARE_FIELDS = ['fullName', 'dateOfBirth', 'personalId'];

export const ORDINARY_STYLE: SessionStyle = { unexplainedShare: 0.03, sensitiveShare: 0 };

type DraftInput = Omit<DraftEvent, 'at' | 'account' | 'result' | 'clientIp'> & Pick<DraftEvent, 'result'>;

/** Writes one session of the labelled province: login, work, usually logout; `at` advances like a person. */
export class WorkSession {
  readonly events: DraftEvent[] = [];
  /** Citizens looked up so far (an identity check before a lookup is the same citizen; checks count for the integration account). */
  lookups = 0;

  constructor(
    private readonly ctx: SessionContext,
    readonly account: SimAccount,
    public at: number,
    private readonly clientIp?: string,
  ) {}

  pause(meanSeconds: number, minSeconds = 1): void {
    const { rng } = this.ctx;
    this.at += Math.round((minSeconds + rng.exponential(meanSeconds)) * 1000) + rng.int(0, 999);
  }

  add(e: DraftInput): void {
    const fields = e.result === 'denied' || e.result === 'error' ? [] : e.fields;
    // Spelled out rather than spread: millions of drafts of one shape are the generator's hottest allocation.
    this.events.push({
      at: this.at,
      account: this.account,
      action: e.action,
      subjectId: e.subjectId,
      subjectCount: e.subjectCount,
      fields,
      dossierCode: e.dossierCode,
      procedureCode: e.procedureCode,
      result: e.result,
      clientIp: this.clientIp,
    });
  }

  session(action: QueryLogAction): void {
    this.add({
      action,
      subjectId: null,
      fields: [],
      dossierCode: null,
      procedureCode: null,
      result: 'success',
    });
  }

  /** A lookup with the session's style applied to its fields. */
  lookup(
    subjectId: string,
    fields: readonly string[],
    dossierCode: string | null,
    procedureCode: string | null,
    style: SessionStyle,
  ): void {
    let returned = [...fields];
    if (style.sensitiveShare && this.ctx.rng.chance(style.sensitiveShare)) {
      const extra = this.ctx.rng.sample(
        SENSITIVE_FIELDS.filter((f) => !fields.includes(f)),
        this.ctx.rng.int(2, 3),
      );
      returned = [...returned, ...extra];
    }
    this.add({
      action: 'lookup',
      subjectId,
      fields: returned,
      dossierCode,
      procedureCode,
      result: this.ctx.result(),
    });
    this.lookups++;
  }

  /** The people a dossier needs: every member of the household, or one or two. */
  dossier(procedure: Procedure, verifyShare: number, style: SessionStyle): void {
    const { rng } = this.ctx;
    const dossierCode = this.ctx.nextDossierCode(this.account, this.at);
    const household = this.ctx.householdMembers();
    const people = procedure.wholeHousehold
      ? household
      : household.slice(0, rng.int(1, Math.min(2, household.length)));
    for (const subjectId of people) {
      if (rng.chance(verifyShare)) {
        this.add({
          action: 'verify',
          subjectId,
          fields: VERIFY_FIELDS,
          dossierCode,
          procedureCode: procedure.code,
          result: this.ctx.result(),
        });
        this.pause(6);
      }
      this.lookup(subjectId, procedure.fields, dossierCode, procedure.code, style);
      this.pause(18, 2);
    }
  }

  export(subjectCount: number): void {
    const { rng } = this.ctx;
    const fields = rng.sample(EXPORT_FIELDS, rng.int(3, EXPORT_FIELDS.length));
    this.add({
      action: 'export',
      subjectId: null,
      subjectCount,
      fields,
      dossierCode: null,
      procedureCode: null,
      result: 'success',
    });
  }
}

/**
 * An ordinary working session of about `budget` citizens: dossiers of the unit's procedures (sometimes a lookup
 * outside any dossier), identity checks for the integration account, now and then an export.
 */
export function workSession(
  ctx: SessionContext,
  account: SimAccount,
  at: number,
  budget: number,
  style: SessionStyle,
): WorkSession {
  const { rng } = ctx;
  const w = new WorkSession(ctx, account, at, style.clientIp);
  w.session('login');
  w.pause(30);
  const procedures = account.unit.procedures;
  if (account.role === 'service') {
    // Inter-system link (liên thông): one identity check per incoming dossier, seconds apart.
    while (w.lookups < budget) {
      const procedure = rng.pick(procedures);
      const dossierCode = ctx.nextDossierCode(account, w.at);
      w.add({
        action: 'verify',
        subjectId: ctx.householdMembers()[0],
        fields: VERIFY_FIELDS,
        dossierCode,
        procedureCode: procedure.code,
        result: ctx.result(),
      });
      w.lookups++;
      w.pause(2, 0);
    }
  } else {
    if (account.role === 'lanh_dao' && rng.chance(0.1)) w.export(rng.int(50, 5000));
    const verifyShare =
      account.role === 'nhan_vien_buu_chinh' ? 0.5 : account.role === 'lanh_dao' ? 0.6 : 0.2;
    while (w.lookups < budget) {
      if (rng.chance(style.unexplainedShare)) {
        w.lookup(ctx.householdMembers()[0], BARE_FIELDS, null, null, style);
        w.pause(25);
      } else {
        w.dossier(rng.pick(procedures), verifyShare, style);
        w.pause(50, 5);
      }
    }
    if (account.role === 'chuyen_vien' && rng.chance(0.004)) w.export(rng.int(50, 5000));
  }
  // Some sessions end by closing the browser: no logout.
  if (rng.chance(0.85)) {
    w.pause(15);
    w.session('logout');
  }
  return w;
}
