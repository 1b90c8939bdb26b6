/** Small facts about an incident and the texts that name one, shared by the incident service and its callers. */
import type { Route } from './coordination-layer.ts';
import type { Incident } from './types.ts';

/** A typed note, update, resolution or reason: `notPatientData` once the person confirmed that what looks like a name or a date of birth is not patient data. */
export interface TextOptions {
  notPatientData?: boolean;
}

/** "inc-2026-42" → "INC-2026-0042". */
export function normaliseId(id: string): string {
  const m = /^inc-?(\d{4})-?(\d+)$/i.exec(id.trim());
  return m ? `INC-${m[1]}-${m[2]!.padStart(4, '0')}` : id.trim();
}

/** The route an incident is on now (as stored). */
export function routeOf(i: Incident): Route {
  return { layer: i.layer, coordinatorId: i.coordinatorId, partnerIds: i.partnerIds, reason: i.reason, providerIds: [], gtkIds: [] };
}

/** When the incident last changed layer (escalated or reopened), else when it was filed. */
export function lastLayerChange(i: Incident): string {
  return [...i.timeline].reverse().find((e) => e.kind === 'escalated' || e.kind === 'reopened')?.at ?? i.createdAt;
}
