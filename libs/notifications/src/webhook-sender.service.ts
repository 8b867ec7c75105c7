import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';

export interface SignedPost {
  url: string;
  /** The exact bytes signed and sent. */
  body: string;
  /** HMAC-SHA-256 key; the signature goes in X-Signature as sha256=<hex>. */
  secret?: string;
  idempotencyKey: string;
  timeoutMs?: number;
}

export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/** X-Signature value for a body: receivers recompute it with the shared secret and compare. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs signed JSON to a webhook. Any answer but 2xx, a timeout or a network error is a failed delivery. */
@Injectable()
export class WebhookSender {
  async post(request: SignedPost): Promise<void> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Idempotency-Key': request.idempotencyKey,
      'User-Agent': 'tthc-access-audit',
    };
    if (request.secret) headers['X-Signature'] = webhookSignature(request.secret, request.body);
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: 'POST',
        headers,
        body: request.body,
        signal: AbortSignal.timeout(request.timeoutMs ?? 10000),
      });
    } catch (error) {
      throw new WebhookDeliveryError(`webhook not reachable: ${(error as Error).message}`);
    }
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new WebhookDeliveryError(`webhook answered HTTP ${response.status}`, response.status);
  }
}
