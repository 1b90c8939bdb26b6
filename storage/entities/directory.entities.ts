import { EntitySchema } from 'typeorm';

export interface OrganisationRow { id: string; name: string; kind: string; region: string | null; gtk_ids: string; desk: string; updated_at: string }
export interface ApplicationRow { id: string; name: string; kind: string; administrator_id: string; used_by: string; updated_at: string }
export interface ContactRow { id: string; organisation_id: string; name: string; role: string; phone: string | null; email: string | null; email_alerts: boolean; updated_at: string }

const v = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const text = (nullable = false) => ({ type: 'text' as const, nullable });

export const OrganisationEntity = new EntitySchema<OrganisationRow>({
  name: 'Organisation',
  tableName: 'organisation',
  columns: { id: { ...v(100), primary: true }, name: v(300), kind: v(40), region: v(100, true), gtk_ids: text(), desk: text(), updated_at: v(30) },
});

export const ApplicationEntity = new EntitySchema<ApplicationRow>({
  name: 'Application',
  tableName: 'application',
  columns: { id: { ...v(100), primary: true }, name: v(300), kind: v(40), administrator_id: v(100), used_by: text(), updated_at: v(30) },
});

export const ContactEntity = new EntitySchema<ContactRow>({
  name: 'Contact',
  tableName: 'contact',
  columns: { id: { ...v(100), primary: true }, organisation_id: v(100), name: v(300), role: v(200), phone: v(60, true), email: v(300, true), email_alerts: { type: 'boolean', default: false }, updated_at: v(30) },
});
