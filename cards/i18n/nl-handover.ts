/**
 * Dutch texts of passing a local incident on to the supplier or GtK service provider. Spread into `nl.ts`; `en-handover.ts` has the same keys.
 */
export const nlHandover = {
} as const;
