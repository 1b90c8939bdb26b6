/** How often a channel gets its organisation's report (per channel: off, daily or weekly). */
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** Reports are asked for per channel ("kanaal rapport week"): a linked channel gets none by surprise. */
export const DEFAULT_DIGEST_FREQUENCY: DigestFrequency = 'off';

export interface DigestSettings {
  frequency(linkId: string): Promise<DigestFrequency>;
  setFrequency(linkId: string, frequency: DigestFrequency, actor: string, at: string): Promise<void>;
}
