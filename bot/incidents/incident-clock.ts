import type { IncidentService } from '../../core/domain/incidents/incident-service.ts';
import type { Logger } from '../logger.ts';

/**
 * Runs the incidents' clock inside the server (reminders, escalation offers, auto-close) every
 * `intervalMs`; one sweep at a time, a failing sweep is logged and the next one tries again.
 */
export class IncidentClock {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly incidents: IncidentService, private readonly logger: Logger, private readonly intervalMs = 60_000) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    void this.sweep();
  }

  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = this.incidents.sweep()
      .then((done) => { if (done.length) this.logger.info({ done }, 'incident clock'); })
      .catch((error) => this.logger.error({ err: error }, 'incident clock failed'))
      .finally(() => { this.running = undefined; });
    await this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
