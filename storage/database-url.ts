export type DatabaseTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string };

export const DEFAULT_DATABASE_URL = 'sqlite:data/ketenbot.sqlite';

/**
 * `sqlite:<path>` (relative to the working directory, or absolute; `sqlite::memory:` for tests)
 * or `postgres://…` / `postgresql://…`. Returns an error text for anything else.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget | { error: string } {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      return { error: 'is not a valid postgres:// URL' };
    }
    return { kind: 'postgres', url: value };
  }
  if (/^sqlite:/i.test(value)) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) return { error: 'needs a file path after "sqlite:", e.g. sqlite:data/ketenbot.sqlite' };
    return { kind: 'sqlite', path };
  }
  return { error: 'must start with sqlite: (e.g. sqlite:data/ketenbot.sqlite) or postgres://' };
}

/** The URL with any password replaced, for logs. */
export function redactDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//i.test(url.trim())) return url;
  try {
    const parsed = new URL(url.trim());
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|key/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    // Not parseable: show no part of it that could hold a password.
    return 'postgres://***';
  }
}
