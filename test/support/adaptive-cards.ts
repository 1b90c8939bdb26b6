import { expect } from 'vitest';

/** The content type of an Adaptive Card attachment. */
export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Card a request to the connector carries, or undefined. */
export const adaptiveCardIn = (call: { body?: any }): any => (call.body?.attachments ?? []).find((a: { contentType: string }) => a.contentType === ADAPTIVE)?.content;

/** The Adaptive Card a request to the connector carries; fails the test when there is none. */
export function expectAdaptiveCard(call: { body?: any; raw: string }): any {
  const attachment = (call.body?.attachments ?? []).find((a: { contentType: string }) => a.contentType === ADAPTIVE);
  expect(attachment, `expected an Adaptive Card in ${call.raw}`).toBeDefined();
  return attachment.content;
}

/** Every `text` string in a card, or any part of one, in document order. */
export const textsIn = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(textsIn);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'text' && typeof value === 'string' ? [value] : textsIn(value)));
};
