import { deskStatus, parseOpeningHours, type DeskStatus } from './opening-hours.ts';
import type { Organisation } from './types.ts';

/** The open/closed status of an organisation's desk at an instant (a desk with unreadable hours counts as closed). */
export function deskStatusOf(organisation: Organisation, now: Date): DeskStatus {
  const hours = parseOpeningHours(organisation.desk.hours);
  return 'error' in hours ? { open: false } : deskStatus(hours, now);
}
