/**
 * Deliveries were queued in this process: the delivery worker hears it and sends at once. Without
 * news it reads the outbox only every IDLE_POLL_MS (for rows queued by the CLI or another
 * instance), instead of every 25 ms: a server waiting for work spends next to no CPU on it.
 */
export class NewDeliveries {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
