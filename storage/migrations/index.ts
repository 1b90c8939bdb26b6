import { InitialSchema1763800000001 } from './001-initial-schema.ts';

/** Every migration, oldest first. Add new ones at the end; never edit a released one. */
export const migrations = [InitialSchema1763800000001];
