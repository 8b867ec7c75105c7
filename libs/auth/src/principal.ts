import { Role } from './permission';

/** Who is calling: a signed-in person, or a producer API key of a registered source system. */
export type Principal =
  | { kind: 'user'; userId: string; username: string; roles: Role[] }
  | { kind: 'producer'; keyId: string; sourceSystem: string };
