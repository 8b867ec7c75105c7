import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { DomainException, ErrorCode } from '@app/common';
import { AuthenticatedRequest, PRODUCER_KEY, RATE_LIMIT_KEY, RateLimitName } from './auth.decorator';

/**
 * Applies a named limit only where a route asks for it: 'sign-in' routes per client address (per user once signed
 * in: change-password), and ingest routes
 * (@RateLimit('ingest'), and every @AllowProducerKey route) per API key or user, each route counted apart (the
 * gateway's status questions do not use up its ingest allowance). Other routes are not limited.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const targets = [props.context.getHandler(), props.context.getClass()];
    const named = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT_KEY, targets);
    const producer = this.reflector.getAllAndOverride<boolean>(PRODUCER_KEY, targets);
    const name = named ?? (producer ? 'ingest' : undefined);
    if (props.context.getType() !== 'http' || name !== props.throttler.name) return true;
    return super.handleRequest(props);
  }

  protected override async getTracker(req: Record<string, unknown> & AuthenticatedRequest): Promise<string> {
    const principal = req.principal;
    if (principal?.kind === 'producer') return `key:${principal.keyId}`;
    if (principal?.kind === 'user') return `user:${principal.userId}`;
    return `ip:${String(req.ip)}`;
  }

  /** One counter per limit, route and caller (no hashing: the storage takes any text as key). */
  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainException(
      ErrorCode.RATE_LIMITED,
      `Too many requests: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s; retry in ${detail.timeToBlockExpire} s`,
    );
  }
}
