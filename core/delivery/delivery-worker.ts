import type { Platform } from '../conversation/inbound.ts';
import type { Delivery, Notice } from './delivery.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SoleInstance, type InstancePresence } from '../coordination/instance-presence.ts';
import { yieldToEventLoop } from '../time/yield-to-event-loop.ts';
import { DeliveryRecovery, LEASE_MS, RECLAIM_EVERY_MS, RENEW_EVERY_MS } from './delivery-recovery.ts';
import { PLATFORM_LIMITS } from './rate-limiter.ts';
import { ResultWriter } from './result-writer.ts';
import { SEED_WINDOW_MS, SendPacing, type SendStamp } from './send-pacing.ts';
import { backoffMs, deliveryContent } from './delivery-content.ts';
import { DueList, IDLE_POLL_MS } from './due-list.ts';
import type { SendResult } from './sender.ts';
import { MAX_UNCONFIRMABLE_IN_FLIGHT, type DeliveryWorkerOptions } from './delivery-worker-options.ts';

/** Sends started in a round before the worker lets the answers that came in be handled. */
const SENDS_BETWEEN_PAUSES = 20;

export { LEASE_MS } from './delivery-recovery.ts';
export { IDLE_POLL_MS } from './due-list.ts';
export { MAX_UNCONFIRMABLE_IN_FLIGHT, type DeliveryWorkerOptions, type WorkerLogger } from './delivery-worker-options.ts';

/**
 * Sends the outbox: every due delivery once, within each platform's per-channel and per-app limits.
 * 429 waits for Retry-After; 5xx, 412 and timeouts back off exponentially with jitter; after
 * `maxAttempts` a delivery is a dead letter. One send per channel at a time, posts before updates.
 */
export class DeliveryWorker {
  private readonly pacing = new SendPacing();
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** A round at the moment the limits next let a waiting delivery go, rather than at the next interval. */
  private wake: { at: number; timer: ReturnType<typeof setTimeout> } | undefined;
  private ticking = false;
  private tickAgain = false;
  private readonly dueList = new DueList();
  /** The round running now, if any: stop() waits for it. */
  private current: Promise<number> | undefined;
  /** The last round passed over a delivery because its channel had a send in flight. */
  private waitingForChannel = false;
  /** When the app-wide limits (the bottleneck of a large fan-out) next let a waiting send go, as of the last round. */
  private appOpensAt = Infinity;
  private reclaimTimer: ReturnType<typeof setInterval> | undefined;
  private renewTimer: ReturnType<typeof setInterval> | undefined;
  private readonly recovery: DeliveryRecovery;
  private readonly results: ResultWriter;
  /** Deliveries this worker is sending now (their leases are renewed). */
  private readonly sending = new Set<string>();
  readonly presence: InstancePresence;
  lastTickAt = 0;

  constructor(private readonly o: DeliveryWorkerOptions) {
    this.presence = o.presence ?? new SoleInstance(`${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`);
    this.results = new ResultWriter(o.logger);
    this.recovery = new DeliveryRecovery({ ...o, presence: this.presence, held: () => this.held(), write: (id, w) => this.results.write(id, w) });
  }

  /**
   * Sends every `intervalMs`. First it counts the sends of the last half minute (by a previous life
   * or a previous leader) in its limiters, then takes over what gone instances left in flight
   * (resolved alongside the new sends: those rows are not due, so nothing waits for them).
   */
  async start(intervalMs = 25, idlePollMs = IDLE_POLL_MS): Promise<void> {
    const now = this.o.clock.now().getTime();
    await this.o.outbox.recentAttempts(new Date(now - SEED_WINDOW_MS)).then((recent) => this.pacing.seed(recent, now)).catch((error) => this.o.logger.warn({ err: error }, 'could not read the recent sends; the limits start empty'));
    this.timer = setInterval(() => {
      if (this.idle() && !this.dueList.readBefore(idlePollMs)) return;
      void this.tick();
    }, intervalMs);
    void this.tick();
    void this.reclaim();
    this.reclaimTimer = setInterval(() => void this.reclaim(), RECLAIM_EVERY_MS);
    // Kept across a stop while results wait for the database: never two.
    this.renewTimer ??= setInterval(() => void this.renewLeases(), RENEW_EVERY_MS);
    this.renewTimer.unref?.();
  }

  /** Takes over deliveries whose lease is void (a gone instance, or run out long ago) and resolves them (see DeliveryRecovery). Returns how many. */
  reclaim(): Promise<number> {
    return this.recovery.reclaim();
  }

  /** Stops sending; results not written yet keep being tried (their rows stay under this instance's lease). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.reclaimTimer) clearInterval(this.reclaimTimer);
    this.reclaimTimer = undefined;
    await this.recovery.idle();
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = undefined;
    await this.current?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    if (this.renewTimer && !this.results.size) {
      clearInterval(this.renewTimer);
      this.renewTimer = undefined;
    }
  }

  /** Deliveries were queued in this process: a round now rather than at the next idle poll. */
  nudge(): void {
    this.dueList.queued();
    this.wakeAt(this.o.clock.now().getTime());
  }

  /** Nothing to do as of the last round: nothing was due, nothing is in flight or waiting to be written, no round is scheduled. */
  private idle(): boolean {
    return !this.ticking && !this.wake && !this.inFlight.size && !this.results.size && !this.tickAgain && this.dueList.empty;
  }

  /** Deliveries a gone process left "sending": resolved now (tests; the running worker does this every few seconds). */
  async recover(): Promise<void> {
    await this.recovery.reclaim();
  }

  /** Results waiting for the database (for /readyz and tests). */
  get unwrittenResults(): number {
    return this.results.size;
  }

  /** Rows this instance holds: sending now, or sent with the result not written yet. */
  private held(): Set<string> {
    return new Set([...this.sending, ...this.results.ids()]);
  }

  private async renewLeases(): Promise<void> {
    const ids = [...this.held()];
    if (!ids.length) return;
    await this.results.flush();
    await this.o.outbox.renewLeases(this.presence.id, ids, new Date(this.o.clock.now().getTime() + LEASE_MS)).catch(() => undefined);
  }

  /** One round: start every due delivery that the limits allow now. Returns how many started. */
  async tick(woken = false): Promise<number> {
    if (this.ticking) {
      // A wake (a window opened, an answer freed a channel) must not be lost; a polling round may be.
      if (woken) this.tickAgain = true;
      return 0;
    }
    const round = this.round(woken);
    this.current = round;
    try {
      return await round;
    } finally {
      this.current = undefined;
    }
  }

  private async round(woken: boolean): Promise<number> {
    this.ticking = true;
    this.tickAgain = false;
    let started = 0;
    let nextOpening = Infinity;
    let appOpening = Infinity;
    try {
      const now = this.o.clock.now();
      this.lastTickAt = now.getTime();
      // A request not answered yet may not even have reached the platform (a busy process writes it
      // late): it counts as sent now until its answer comes.
      this.pacing.moveUnanswered(now.getTime());
      const notices = new Map<string, Notice | undefined>();
      // First choose what the limits allow now, then claim those in one round trip, then send.
      const chosen: Array<{ delivery: Delivery; notice: Notice; messageId: string | undefined; key: string; stamp: SendStamp }> = [];
      const taken = new Set<string>();
      let waitingForChannel = false;
      const { rows: due, readAt } = await this.dueList.forRound(woken, now.getTime(), () => this.o.outbox.due(now, 500));
      const unconfirmable = (p: Platform) => !this.o.senders[p]?.check;
      let unconfirmableInFlight = this.pacing.unansweredCount(unconfirmable);
      for (const delivery of due) {
        const key = `${delivery.platform}:${delivery.channelId}`;
        if (this.busy.has(key) || taken.has(key)) {
          waitingForChannel = true;
          continue;
        }
        if (unconfirmable(delivery.platform) && unconfirmableInFlight >= (this.o.maxUnconfirmableInFlight ?? MAX_UNCONFIRMABLE_IN_FLIGHT)) {
          waitingForChannel = true; // an answer frees a place: a round then, not at the next poll
          continue;
        }
        let messageId = delivery.messageId;
        if (delivery.operation !== 'post') {
          const post = await this.o.outbox.post(delivery.noticeId, delivery.linkId);
          if (post?.status === 'dead' || post?.status === 'uncertain') {
            // Nothing to update or reply to: the card never arrived, or nobody can tell.
            await this.o.outbox.markDead(delivery.id, post.status === 'dead' ? 'the card itself could not be posted' : 'the card\'s own delivery is uncertain; resend it first');
            continue;
          }
          if (!post?.messageId) continue; // wait until the card is posted
          messageId = post.messageId;
        }
        const t = this.o.clock.now().getTime();
        const { opens, appOpens } = this.pacing.opening(delivery.platform, key, t);
        if (opens > t) {
          nextOpening = Math.min(nextOpening, opens);
          if (appOpens > t) appOpening = Math.min(appOpening, appOpens);
          continue;
        }
        if (!notices.has(delivery.noticeId)) notices.set(delivery.noticeId, await this.o.outbox.notice(delivery.noticeId));
        const notice = notices.get(delivery.noticeId);
        if (!notice) { await this.o.outbox.markDead(delivery.id, 'the notice no longer exists'); continue; }
        const stamp = this.pacing.choose(delivery.platform, key, t);
        taken.add(key);
        if (unconfirmable(delivery.platform)) unconfirmableInFlight++;
        chosen.push({ delivery, notice, messageId, key, stamp });
      }
      this.waitingForChannel = waitingForChannel;
      const chosenIds = new Set(chosen.map((c) => c.delivery.id));
      this.dueList.keep(readAt, due.filter((d) => !chosenIds.has(d.id)));
      const claimedAt = this.o.clock.now();
      const claimed = await this.o.outbox.markSendingMany([...chosenIds], claimedAt, { owner: this.presence.id, until: new Date(claimedAt.getTime() + LEASE_MS) });
      // Sends under an app-wide limit start first: their windows pace the whole fan-out.
      const appLimited = (c: { delivery: Delivery }) => (PLATFORM_LIMITS[c.delivery.platform].perApp.length ? 0 : 1);
      for (const { delivery, notice, messageId, key, stamp } of [...chosen].sort((a, b) => appLimited(a) - appLimited(b))) {
        if (!claimed.has(delivery.id)) continue;
        // Hundreds of sends in one round: let answers in between, so a send that arrived is marked
        // sent at once (a crash leaves it "uncertain" for as short as possible). Only between sends
        // a platform can check after a crash: a claimed send that has not left yet is uncertain too.
        if (started > 0 && started % SENDS_BETWEEN_PAUSES === 0 && this.o.senders[delivery.platform]?.check) await yieldToEventLoop();
        this.busy.add(key);
        this.sending.add(delivery.id);
        started++;
        this.pacing.start(stamp);
        const work = this.sendOne(delivery, notice, messageId, stamp).finally(() => {
          this.pacing.forget(stamp);
          this.busy.delete(key);
          this.sending.delete(delivery.id);
          this.inFlight.delete(work);
          // Another delivery waited for this channel: its turn now, not at the next poll.
          if (this.waitingForChannel) this.wakeAt(this.o.clock.now().getTime());
        });
        this.inFlight.add(work);
      }
    } catch (error) {
      this.o.logger.error({ err: error }, 'delivery round failed');
    } finally {
      this.ticking = false;
    }
    this.appOpensAt = appOpening;
    if (this.tickAgain) this.wakeAt(this.o.clock.now().getTime());
    else if (nextOpening < Infinity) this.wakeAt(nextOpening);
    return started;
  }

  /** While running: one more round at `at` (ms), unless one is already due by then. */
  private wakeAt(at: number): void {
    if (!this.timer || (this.wake && this.wake.at <= at)) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(() => {
      this.wake = undefined;
      void this.tick(true);
    }, Math.max(0, at - this.o.clock.now().getTime()));
    this.wake = { at, timer };
  }

  /**
   * Resolves once the worker has a pause of at least `gapMs` ahead: nothing in flight, and no
   * app-wide limit (Teams' 50 per second) opening sooner. At most after `maxWaitMs`. The server
   * loads its chat adapters in such pauses after a restart: loading holds the event loop, and a send
   * or an answer held up then would hold up every send after it in the app's window. (A single
   * channel's wait, a Slack channel's second or a retry, holds up only that channel.)
   */
  async whenIdle(gapMs: number, maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (Date.now() < deadline && !this.idleFor(gapMs)) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private idleFor(gapMs: number): boolean {
    const now = this.o.clock.now().getTime();
    if (this.ticking || this.pacing.unansweredCount()) return false;
    return this.appOpensAt >= now + gapMs;
  }

  /** Waits for the sends started so far (tests and shutdown). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async sendOne(delivery: Delivery, notice: Notice, messageId: string | undefined, stamp: SendStamp): Promise<void> {
    const sender = this.o.senders[delivery.platform];
    let result: SendResult;
    try {
      result = sender
        ? await sender.send(delivery, deliveryContent(delivery, notice, this.o.repeatNotice), messageId)
        : { kind: 'failed', error: `${delivery.platform} is not configured` };
    } catch (error) {
      result = { kind: 'retry', error: (error as Error).message };
    }
    const now = this.o.clock.now();
    // The platform counted the request somewhere between our choice and its answer: count it when
    // it left, where the sender can tell, else at the answer, so a slow request (first connection,
    // token) cannot let the next window open early.
    this.pacing.answered(stamp, Math.min(result.leftAt ?? now.getTime(), now.getTime()));
    // A place under the cap of unconfirmable sends is free now, not once the result is written.
    if (this.waitingForChannel && !this.o.senders[delivery.platform]?.check) this.wakeAt(now.getTime());
    switch (result.kind) {
      case 'sent':
        this.o.metrics.inc('sends', delivery.platform);
        await this.results.write(delivery.id, () => this.o.outbox.markSent(delivery.id, result.messageId ?? messageId, now, undefined, this.presence.id));
        return;
      case 'retry': {
        const attempts = delivery.attempts + 1;
        if (result.rateLimited) this.o.metrics.inc('rate_limited', delivery.platform);
        if (attempts >= (this.o.maxAttempts ?? 8)) {
          this.o.metrics.inc('dead_letters', delivery.platform);
          await this.results.write(delivery.id, () => this.o.outbox.markDead(delivery.id, result.error, this.presence.id));
          return;
        }
        const wait = result.afterMs ?? backoffMs(attempts, this.o.baseBackoffMs ?? 1000, this.o.random ?? Math.random);
        if (result.rateLimited) this.pacing.pause(delivery.platform, `${delivery.platform}:${delivery.channelId}`, now.getTime() + wait);
        this.o.metrics.inc('retries', delivery.platform);
        const retryAt = now.getTime() + wait;
        await this.results.write(delivery.id, () => this.o.outbox.markRetry(delivery.id, new Date(retryAt), result.error, this.presence.id));
        this.wakeAt(retryAt); // on time, not at the next interval
        return;
      }
      case 'gone':
        this.o.metrics.inc('dead_letters', delivery.platform);
        await this.results.write(delivery.id, () => this.o.outbox.markDead(delivery.id, result.error, this.presence.id));
        await this.o.onGone(delivery, result.error).catch((error) => this.o.logger.warn({ err: error }, 'could not deactivate a gone channel'));
        return;
      case 'failed':
        this.o.metrics.inc('dead_letters', delivery.platform);
        await this.results.write(delivery.id, () => this.o.outbox.markDead(delivery.id, result.error, this.presence.id));
        return;
    }
  }
}
