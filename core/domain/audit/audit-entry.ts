/** One append-only record of a change: who, when, what, before and after. */
export interface AuditEntry {
  at: string;
  /** "platform:userId" of a person, or "cli" for the admin CLI. */
  actor: string;
  /** e.g. "directory.organisation.update", "role.grant", "channel.link". */
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditLog {
  record(entries: AuditEntry[]): Promise<void>;
  since(from: Date): Promise<Array<AuditEntry & { id: number }>>;
}
