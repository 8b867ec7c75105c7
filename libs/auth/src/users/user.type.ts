import { Role } from '../permission';

export type UserStatus = 'active' | 'disabled';

/** A person who signs in to the console or the API. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string;
  unitCode: string | null;
  roles: Role[];
  status: UserStatus;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The column that sign-in needs and that never leaves the lib. */
export interface UserCredentials extends User {
  passwordHash: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string;
  unitCode?: string | null;
  roles: Role[];
  passwordHash: string | null;
  mustChangePassword: boolean;
}

export interface UserChanges {
  displayName?: string;
  email?: string;
  unitCode?: string | null;
  roles?: Role[];
  status?: UserStatus;
}
