import type { Principal } from '@app/auth';
import { Actor } from './account.type';

/** How a caller is named in account history and commands. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'user' ? `user:${principal.username}` : `producer:${principal.sourceSystem}`;
}
