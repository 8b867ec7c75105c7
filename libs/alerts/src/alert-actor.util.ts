import type { Principal } from '@app/auth';
import { AlertActor } from './alert.type';

/** Who acts, as the alerts' action log names them. */
export function alertActorOf(principal: Principal): AlertActor {
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.userId, name: principal.username }
    : { kind: 'producer', id: principal.keyId, name: principal.sourceSystem };
}
