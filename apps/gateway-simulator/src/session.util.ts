import type { QueryLogResult } from '@app/contracts';
import { householdAt } from './household.util';
import type { Procedure, Province, SimAccount } from './province.type';
import { SeededRandom } from './random.util';
import type { DraftEvent } from './session.type';
import { localDate } from './working-hours.util';

const RESULTS: [QueryLogResult, number][] = [
  ['success', 93],
  ['not_found', 4],
  ['denied', 1.5],
  ['error', 1.5],
];
const VERIFY_FIELDS = ['fullName', 'dateOfBirth', 'personalId'];
const EXPORT_FIELDS = ['fullName', 'dateOfBirth', 'gender', 'personalId', 'permanentResidence', 'phone'];

/** What sessions need besides the account: the seeded randomness, the province, dossier numbering. */
export class SessionContext {
  private readonly dossierSeq = new Map<string, number>();

  constructor(
    readonly rng: SeededRandom,
    readonly seed: string,
    readonly province: Province,
    /** Households of the province that dossiers are drawn from. */
    readonly households: number,
  ) {}

  /** Mã hồ sơ: unit serial, local date, sequence of the day (000001052-261120-0042). */
  nextDossierCode(account: SimAccount, at: number): string {
    const { yymmdd } = localDate(at);
    const key = `${account.unit.code}|${yymmdd}`;
    const seq = (this.dossierSeq.get(key) ?? 0) + 1;
    this.dossierSeq.set(key, seq);
    return `${account.unit.dossierPrefix}-${yymmdd}-${String(seq).padStart(4, '0')}`;
  }

  householdMembers(): string[] {
    const index = this.rng.int(0, this.households - 1);
    return householdAt(this.seed, this.province.code, index).members.map((m) => m.personalId);
  }

  result(): QueryLogResult {
    return this.rng.weighted(RESULTS);
  }
}

/** Builds events of one session; `at` advances with human-like pauses. */
class SessionWriter {
  readonly events: DraftEvent[] = [];

  constructor(
    private readonly ctx: SessionContext,
    private readonly account: SimAccount,
    public at: number,
  ) {}

  pause(meanSeconds: number, minSeconds = 1): void {
    const { rng } = this.ctx;
    this.at += Math.round((minSeconds + rng.exponential(meanSeconds)) * 1000) + rng.int(0, 999);
  }

  add(partial: Omit<DraftEvent, 'at' | 'account' | 'result'> & { result?: QueryLogResult }): void {
    const result =
      partial.result ??
      (partial.action === 'login' || partial.action === 'logout' ? 'success' : this.ctx.result());
    const fields = result === 'denied' || result === 'error' ? [] : partial.fields;
    this.events.push({ ...partial, fields, result, at: this.at, account: this.account });
  }

  session(body: () => void): DraftEvent[] {
    this.add({ action: 'login', subjectId: null, fields: [], dossierCode: null, procedureCode: null });
    body();
    // Some sessions end by closing the browser: no logout.
    if (this.ctx.rng.chance(0.85)) {
      this.pause(20);
      this.add({ action: 'logout', subjectId: null, fields: [], dossierCode: null, procedureCode: null });
    }
    return this.events;
  }

  /** Looks up the people a dossier needs: every member of the household, or one or two of them. */
  dossier(procedure: Procedure, verifyShare: number): void {
    const { rng } = this.ctx;
    const dossierCode = this.ctx.nextDossierCode(this.account, this.at);
    const household = this.ctx.householdMembers();
    const people = procedure.wholeHousehold
      ? household
      : household.slice(0, rng.int(1, Math.min(2, household.length)));
    for (const subjectId of people) {
      const common = { subjectId, dossierCode, procedureCode: procedure.code };
      if (rng.chance(verifyShare)) {
        this.add({ ...common, action: 'verify', fields: VERIFY_FIELDS });
        this.pause(8);
      }
      this.add({ ...common, action: 'lookup', fields: [...procedure.fields] });
      this.pause(25, 2);
    }
  }

  export(): void {
    const { rng } = this.ctx;
    const fields = rng.sample(EXPORT_FIELDS, rng.int(3, EXPORT_FIELDS.length));
    this.add({
      action: 'export',
      subjectId: null,
      subjectCount: rng.int(50, 5000),
      fields,
      dossierCode: null,
      procedureCode: null,
    });
  }
}

/** One session of the account starting at `at`: login, the work its role does, usually logout. */
export function buildSession(ctx: SessionContext, account: SimAccount, at: number): DraftEvent[] {
  const { rng } = ctx;
  const w = new SessionWriter(ctx, account, at);
  const procedures = account.unit.procedures;
  switch (account.role) {
    case 'service':
      // Inter-system link (liên thông): bursts of identity checks, one per incoming dossier.
      return w.session(() => {
        for (let i = rng.int(10, 80); i > 0; i--) {
          w.pause(2, 0);
          const dossierCode = ctx.nextDossierCode(account, w.at);
          const subjectId = ctx.householdMembers()[0];
          w.add({
            action: 'verify',
            subjectId,
            fields: VERIFY_FIELDS,
            dossierCode,
            procedureCode: rng.pick(procedures).code,
          });
        }
      });
    case 'lanh_dao':
      return w.session(() => {
        w.pause(30);
        if (rng.chance(0.12)) return w.export();
        for (let i = rng.int(1, 3); i > 0; i--) {
          w.dossier(rng.pick(procedures), 1);
          w.pause(60);
        }
      });
    default:
      return w.session(() => {
        w.pause(40);
        const dossiers = account.role === 'van_thu' ? rng.int(1, 3) : rng.int(1, 6);
        for (let i = 0; i < dossiers; i++) {
          if (rng.chance(0.03)) {
            // A lookup outside any dossier: allowed for a reason, and the kind of thing auditors ask about.
            w.add({
              action: 'lookup',
              subjectId: ctx.householdMembers()[0],
              fields: ['fullName', 'personalId'],
              dossierCode: null,
              procedureCode: null,
            });
            w.pause(30);
          }
          w.dossier(rng.pick(procedures), account.role === 'nhan_vien_buu_chinh' ? 0.5 : 0.2);
          w.pause(120, 10);
        }
        if (account.role === 'chuyen_vien' && rng.chance(0.005)) w.export();
      });
  }
}
