/** A producer API key as listed (never the key itself, which is shown once at creation). */
export interface ApiKey {
  id: string;
  sourceSystemCode: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rotatedFrom: string | null;
}

/** A new key: the record and, this once, the raw key. */
export interface IssuedApiKey extends ApiKey {
  key: string;
}
