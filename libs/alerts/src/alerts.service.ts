import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { AlertActionRepository } from './alert-action.repository';
import { alertDedupKey, decodeAlertCursor, encodeAlertCursor, maxSeverity, severityRank, sortKeyOf } from './alert-key.util';
import { AlertChanges, AlertRepository, NewAlert } from './alert.repository';
import { Alert, AlertAction, AlertActionKind, AlertActor, AlertFilter, AlertStatus, RaiseAlertInput, RaisedAlert } from './alert.type';
import { explain } from './explanation/alert-explanation.constant';
import { SuppressionRepository } from './suppressions/suppression.repository';

const SERVICE_ACTOR: AlertActor = { kind: 'system', id: null, name: 'tthc-audit' };

/**
 * Told of every alert raised or repeated, as stored after the raise, inside the raise's transaction: what it
 * writes commits (or rolls back) with the alert. created: false when the raise updated an existing alert.
 */
export type AlertRaisedListener = (m: EntityManager, alert: Alert, created: boolean) => Promise<void>;

export interface AlertDetail extends Alert {
  actions: AlertAction[];
  comments: { at: Date; actorName: string; text: string }[];
}

/**
 * Alerts raised by the features (accounts, detectors): one per dedup key (type, accounts, window), updated by new
 * evidence, checked against suppressions, every change written to the action log in the same transaction.
 */
@Injectable()
export class AlertsService {
  private readonly raisedListeners: AlertRaisedListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly actions: AlertActionRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Adds a listener told of each raise in its transaction (e.g. the urgent notices to the Office). */
  onRaised(listener: AlertRaisedListener): void {
    this.raisedListeners.push(listener);
  }

  /** Records on the alert's timeline that something was done about it outside triage (e.g. the Office notified). */
  async recordAction(alertId: string, action: AlertActionKind, details: Record<string, unknown>, actor: AlertActor = SERVICE_ACTOR): Promise<void> {
    await this.actions.append(this.dataSource.manager, { alertId, at: this.clock.now(), actor, action, details });
  }

  /**
   * Raises (or repeats) an alert; pass the caller's transaction so it commits with the finding's cause. Two
   * replicas raising the same key at once make one alert: the second waits on the key and updates the first's row.
   */
  async raise(input: RaiseAlertInput, manager?: EntityManager): Promise<RaisedAlert> {
    if (manager?.queryRunner?.isTransactionActive) return this.raiseIn(manager, input);
    return this.dataSource.transaction((m) => this.raiseIn(m, input));
  }

  private async raiseIn(m: EntityManager, input: RaiseAlertInput): Promise<RaisedAlert> {
    const raised = await this.insertOrRepeat(m, input);
    for (const listener of this.raisedListeners) await listener(m, raised.stored, raised.created);
    return { id: raised.stored.id, created: raised.created, status: raised.stored.status };
  }

  private async insertOrRepeat(m: EntityManager, input: RaiseAlertInput): Promise<{ stored: Alert; created: boolean }> {
    const now = this.clock.now();
    const alert = this.newAlert(input, now);
    const actor = input.actor ?? SERVICE_ACTOR;
    const suppression = await this.suppressions.findCovering(m, alert, now);
    alert.status = suppression ? 'suppressed' : 'open';
    alert.suppressionId = suppression?.id ?? null;
    const id = await this.alerts.insertIfAbsent(m, alert);
    if (id) {
      await this.actions.append(m, {
        alertId: id,
        suppressionId: alert.suppressionId,
        at: now,
        actor,
        action: suppression ? 'suppressed' : 'raised',
        details: { dedupKey: alert.dedupKey, after: triageState({ ...alert, occurrences: 1 }), ...(suppression ? { suppressionReason: suppression.reason } : {}) },
      });
      const stored = { ...alert, id, outcome: null, assigneeId: null, assigneeName: null, occurrences: 1, updatedAt: now };
      return { stored, created: true };
    }
    const existing = await this.alerts.findByDedupKeyForUpdate(m, alert.dedupKey);
    // Only a row deleted between the two statements gets here; alerts are never deleted, so say so loudly.
    if (!existing) throw new Error(`Alert ${alert.dedupKey} conflicted on insert but cannot be found`);
    const changes = this.repeat(existing, alert, suppression !== null, now);
    await this.alerts.update(m, existing.id, changes);
    await this.actions.append(m, {
      alertId: existing.id,
      at: now,
      actor,
      action: changes.status === 'open' && existing.status === 'resolved' ? 'reopened' : 'updated',
      details: {
        dedupKey: alert.dedupKey,
        before: triageState(existing),
        after: triageState({ ...existing, ...changes }),
        ...(changes.status && changes.status !== existing.status ? { why: statusChangeReason(existing.status) } : {}),
      },
    });
    return { stored: { ...existing, ...changes }, created: false };
  }

  private newAlert(input: RaiseAlertInput, now: Date): NewAlert & { status: AlertStatus } {
    const accountIds = [...new Set(input.accountIds ?? (input.accountId ? [input.accountId] : []))].sort();
    const windowStart = input.windowStart ?? input.occurredAt;
    const windowEnd = input.windowEnd ?? input.windowStart ?? input.occurredAt;
    const fromEvidence = input.evidence.sourceSystems;
    const sourceSystems = input.sourceSystems ?? (Array.isArray(fromEvidence) ? fromEvidence.filter((s): s is string => typeof s === 'string') : []);
    const context = { type: input.type, accountIds, occurredAt: input.occurredAt, windowStart, windowEnd, evidence: input.evidence, timeZone: this.config.accounts.timeZone };
    const explanation = input.explanationVi && input.explanationEn ? null : explain(context);
    return {
      type: input.type,
      severity: input.severity,
      score: input.score ?? 0,
      accountId: accountIds.length === 1 ? accountIds[0] : null,
      accountIds,
      unitCode: input.unitCode ?? null,
      sourceSystems: [...new Set(sourceSystems)].sort(),
      occurredAt: input.occurredAt,
      windowStart,
      windowEnd,
      evidence: input.evidence,
      explanationVi: input.explanationVi ?? explanation!.vi,
      explanationEn: input.explanationEn ?? explanation!.en,
      dedupKey: input.dedupKey ?? alertDedupKey(input.type, accountIds, windowStart, windowEnd),
      status: 'open',
      suppressionId: null,
      createdAt: now,
    };
  }

  /**
   * New evidence for an existing alert: the latest evidence and explanation, the higher severity and score, the
   * wider window. A suppressed alert whose suppression has ended comes into the queue; a resolved one comes back
   * when the new evidence is more severe than what was judged. An alert already in the queue stays there.
   */
  private repeat(existing: Alert, next: NewAlert, covered: boolean, now: Date): AlertChanges {
    const severity = maxSeverity(existing.severity, next.severity);
    const changes: AlertChanges = {
      severity,
      score: Math.max(existing.score, next.score),
      accountIds: [...new Set([...existing.accountIds, ...next.accountIds])].sort(),
      sourceSystems: [...new Set([...existing.sourceSystems, ...next.sourceSystems])].sort(),
      windowStart: existing.windowStart < next.windowStart ? existing.windowStart : next.windowStart,
      windowEnd: existing.windowEnd > next.windowEnd ? existing.windowEnd : next.windowEnd,
      evidence: next.evidence,
      explanationVi: next.explanationVi,
      explanationEn: next.explanationEn,
      occurrences: existing.occurrences + 1,
      updatedAt: now,
    };
    if (existing.status === 'suppressed' && !covered) Object.assign(changes, { status: 'open', suppressionId: null });
    if (existing.status === 'resolved' && severityRank(severity) > severityRank(existing.severity)) {
      Object.assign(changes, { status: 'open', outcome: null });
    }
    return changes;
  }

  /** One page of the queue in the filter's order (default newest window first), with the cursor of the next page. */
  async page(filter: Omit<AlertFilter, 'after'> & { cursor?: string }): Promise<{ items: Alert[]; nextCursor: string | null }> {
    const sort = filter.sort ?? 'window';
    const order = filter.order ?? 'desc';
    const after = filter.cursor ? decodeAlertCursor(filter.cursor, sort, order) : undefined;
    if (after === null) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'cursor must be the nextCursor of a previous page', [{ field: 'cursor', message: 'not a cursor of this list' }]);
    const rows = await this.alerts.findPage({ ...filter, sort, order, after, limit: filter.limit + 1 });
    const more = rows.length > filter.limit;
    const items = more ? rows.slice(0, filter.limit) : rows;
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeAlertCursor(sort, order, { key: sortKeyOf(last, sort), id: last.id }) : null };
  }

  /**
   * Alerts as the raising features read them back (their tests, their follow-ups), newest first. The evidence
   * carries its occurrences as it did before occurrences became a column.
   */
  async list(filter: { type?: string; accountId?: string; limit?: number } = {}): Promise<Alert[]> {
    const rows = await this.alerts.findRaised({ ...filter, limit: filter.limit ?? 100 });
    return rows.map((a) => ({ ...a, evidence: { ...a.evidence, occurrences: a.occurrences } }));
  }

  async get(id: string): Promise<AlertDetail> {
    const alert = await this.alerts.findById(id);
    if (!alert) throw new DomainException(ErrorCode.NOT_FOUND, `No alert ${id}`);
    const actions = await this.actions.findByAlert(id);
    const comments = actions
      .filter((a) => typeof a.details.comment === 'string')
      .map((a) => ({ at: a.at, actorName: a.actorName, text: a.details.comment as string }));
    return { ...alert, actions, comments };
  }
}

/** What the action log keeps before and after a change: the triage state, not the evidence (which the alert keeps). */
function triageState(a: Partial<Alert>): Record<string, unknown> {
  const { status, severity, score, occurrences, outcome, assigneeId, assigneeName, windowStart, windowEnd, suppressionId } = a;
  return Object.fromEntries(
    Object.entries({ status, severity, score, occurrences, outcome, assigneeId, assigneeName, windowStart, windowEnd, suppressionId }).filter(([, v]) => v !== undefined),
  );
}

function statusChangeReason(before: AlertStatus): string {
  return before === 'suppressed' ? 'raised again after its suppression ended' : 'raised again with a higher severity than was judged';
}
