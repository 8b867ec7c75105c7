/** Reading an alert's evidence (plain JSON) by dotted path: a value missing or of another type is undefined. */
export const at = (e: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), e);

export const num = (e: unknown, path: string): number | undefined => {
  const v = at(e, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

export const str = (e: unknown, path: string): string | undefined => (typeof at(e, path) === 'string' ? (at(e, path) as string) : undefined);
