import type { DirectoryDocument } from './types.ts';

/** The names of the directory's organisations and applications: never a patient's name (patient-details.ts). */
export const directoryNames = (directory: DirectoryDocument): string[] => [...directory.organisations, ...directory.applications].map((x) => x.name);
