const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** Organisations or applications in the order people look for them: by name (not by internal id), "Ziekenhuis 2" before "Ziekenhuis 10". */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => collator.compare(a.name, b.name));
}
