import type { nlHandover } from './nl-handover.ts';

/** English texts of passing a local incident on to the supplier or GtK service provider (same keys as `nl-handover.ts`). */
export const enHandover: Record<keyof typeof nlHandover, string> = {
};
