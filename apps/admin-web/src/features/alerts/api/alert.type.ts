import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];

/** The shapes of /v1/alerts, generated from the OpenAPI document (lib/api-types.ts). */
export type Alert = Schemas['AlertDto'];
export type AlertDetail = Schemas['AlertDetailDto'];
export type AlertAction = Schemas['AlertActionDto'];
export type AlertPage = Schemas['AlertPageDto'];
export type AlertStatus = Alert['status'];
export type AlertOutcome = NonNullable<Alert['outcome']>;
export type UserOption = Schemas['UserDto'];

export const OUTCOMES: readonly AlertOutcome[] = ['true_positive', 'false_positive', 'expected'];

export interface AlertFilters {
  status?: AlertStatus;
  type?: string;
  severity?: string;
  accountId?: string;
  unitCode?: string;
  /** Ha Noi days, YYYY-MM-DD, both included. */
  fromDay?: string;
  toDay?: string;
}

/** The API's orders of the queue (GET /v1/alerts sort and order). */
export const QUEUE_SORTS = ['window', 'raised', 'severity', 'score', 'updated'] as const;
export type QueueSortKey = (typeof QUEUE_SORTS)[number];
export interface QueueSort {
  sort: QueueSortKey;
  order: 'asc' | 'desc';
}
export const DEFAULT_SORT: QueueSort = { sort: 'window', order: 'desc' };
