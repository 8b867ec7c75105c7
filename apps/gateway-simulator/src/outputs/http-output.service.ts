import type { QueryLogEventV1 } from '@app/contracts';
import type { EventOutput } from './event-output.type';

export interface HttpOutputOptions {
  /** The service's base URL (http://localhost:3000) or the full ingest endpoint. */
  url: string;
  /** Producer API key of a registered source system, sent as X-Api-Key: it may send that system's events only. */
  apiKey?: string;
  /** A user's access token (ingest:write, e.g. an operator), for a province of several systems at once. */
  token?: string;
}

interface IngestAnswer {
  accepted?: number;
  duplicates?: number;
  rejected?: number;
}

/** POSTs each batch as NDJSON to /v1/ingest/events and adds up what the service answers. */
export class HttpEventOutput implements EventOutput {
  private readonly endpoint: string;
  private readonly totals = { accepted: 0, duplicates: 0, rejected: 0 };

  constructor(private readonly options: HttpOutputOptions) {
    const base = options.url.replace(/\/+$/, '');
    this.endpoint = base.endsWith('/v1/ingest/events') ? base : `${base}/v1/ingest/events`;
  }

  async open(): Promise<void> {}

  async write(batch: QueryLogEventV1[]): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/x-ndjson' };
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const body = batch.map((e) => JSON.stringify(e)).join('\n') + '\n';
    const response = await fetch(this.endpoint, { method: 'POST', headers, body });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`POST ${this.endpoint} answered ${response.status}: ${text.slice(0, 500)}`);
    const answer = JSON.parse(text) as IngestAnswer;
    this.totals.accepted += answer.accepted ?? 0;
    this.totals.duplicates += answer.duplicates ?? 0;
    this.totals.rejected += answer.rejected ?? 0;
  }

  async close(): Promise<void> {}

  describe(): string {
    const t = this.totals;
    return `service answered: ${t.accepted} accepted, ${t.duplicates} duplicates, ${t.rejected} rejected`;
  }
}
