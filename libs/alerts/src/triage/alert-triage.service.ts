import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AlertActionRepository } from '../alert-action.repository';
import { AlertChanges, AlertRepository } from '../alert.repository';
import { Alert, AlertActionKind, AlertActor, AlertOutcome, AlertStatus } from '../alert.type';

interface Step {
  action: AlertActionKind;
  /** The statuses the action may start from; anything else is a 409 naming the current status. */
  from: readonly AlertStatus[];
  changes: Omit<AlertChanges, 'updatedAt'>;
  details?: Record<string, unknown>;
}

/**
 * A reviewer's work on an alert: open → acknowledged → resolved (true positive, false positive, expected), with
 * assignee and comments. A resolved alert may be reopened (the judgment was wrong, or new facts came), and so may
 * a suppressed one (a reviewer wants it in the queue). Each step locks the alert and is logged with who and when.
 */
@Injectable()
export class AlertTriageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly actions: AlertActionRepository,
    private readonly clock: Clock,
  ) {}

  acknowledge(id: string, actor: AlertActor, comment?: string): Promise<void> {
    return this.apply(id, actor, { action: 'acknowledged', from: ['open'], changes: { status: 'acknowledged' }, details: withComment(comment) });
  }

  assign(id: string, assignee: { id: string; name: string }, actor: AlertActor, comment?: string): Promise<void> {
    return this.apply(id, actor, {
      action: 'assigned',
      from: ['open', 'acknowledged'],
      changes: { assigneeId: assignee.id, assigneeName: assignee.name },
      details: withComment(comment),
    });
  }

  comment(id: string, text: string, actor: AlertActor): Promise<void> {
    return this.apply(id, actor, { action: 'commented', from: ['open', 'acknowledged', 'resolved', 'suppressed'], changes: {}, details: { comment: text } });
  }

  resolve(id: string, outcome: AlertOutcome, actor: AlertActor, comment?: string): Promise<void> {
    return this.apply(id, actor, {
      action: 'resolved',
      from: ['open', 'acknowledged'],
      changes: { status: 'resolved', outcome },
      details: withComment(comment),
    });
  }

  reopen(id: string, reason: string, actor: AlertActor): Promise<void> {
    return this.apply(id, actor, { action: 'reopened', from: ['resolved', 'suppressed'], changes: { status: 'open', outcome: null }, details: { comment: reason } });
  }

  private async apply(id: string, actor: AlertActor, step: Step): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const before = await this.alerts.findById(id, m, true);
      if (!before) throw new DomainException(ErrorCode.NOT_FOUND, `No alert ${id}`);
      if (!step.from.includes(before.status)) {
        throw new DomainException(
          ErrorCode.CONFLICT,
          `Alert ${id} is ${before.status}: it can be ${step.action} only when ${step.from.join(' or ')}`,
        );
      }
      if (Object.keys(step.changes).length) await this.alerts.update(m, id, { ...step.changes, updatedAt: now });
      await this.actions.append(m, {
        alertId: id,
        at: now,
        actor,
        action: step.action,
        details: { ...step.details, before: pick(before, step.changes), after: { ...pick(before, step.changes), ...step.changes } },
      });
    });
  }
}

const withComment = (comment?: string): Record<string, unknown> => (comment ? { comment } : {});

/** The fields the step changes, as they were: with the status, so that before/after always says where it stood. */
function pick(alert: Alert, changes: Omit<AlertChanges, 'updatedAt'>): Record<string, unknown> {
  const keys = ['status', ...Object.keys(changes)] as (keyof Alert)[];
  return Object.fromEntries(keys.map((k) => [k, alert[k]]));
}
