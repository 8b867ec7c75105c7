import { CreateSourceSystem1795502579669 } from './1795502579669-CreateSourceSystem';

/** Every migration, in order. Listed (not globbed) so the same list works from source, dist and tests. */
export const MIGRATIONS = [CreateSourceSystem1795502579669];
