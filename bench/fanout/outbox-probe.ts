import { createDataSource } from '../../storage/data-source.ts';
import { TypeOrmOutboxRepository } from '../../storage/delivery/typeorm-outbox-repository.ts';
import { announceNotice, prepareDatabase } from './prepare-database.ts';

export interface OutboxProbe {
  rows: number;
  dueMs: number;
  markSendingMs: number;
  markSentMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * What the delivery worker pays per call to the outbox (SQLite or Postgres, as the run), measured on a separate scratch
 * database built the same way (never the benchmark's own): due(now, 500) as every tick reads it, and
 * the markSending / markSent writes each delivery makes (the tick awaits markSending one by one).
 */
export async function probeOutbox(databaseUrl: string, teamsServiceUrl: string, rows = 600): Promise<OutboxProbe> {
  const { channels } = await prepareDatabase(databaseUrl, { channels: rows, teamsShare: 0.5, teamsServiceUrl });
  await announceNotice(databaseUrl, channels); // without delivery rows due() is empty and nothing is measured
  const db = createDataSource(databaseUrl);
  await db.initialize();
  try {
    const outbox = new TypeOrmOutboxRepository(db);
    const dueTimes: number[] = [];
    let due = await outbox.due(new Date(), 500);
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      due = await outbox.due(new Date(), 500);
      dueTimes.push(performance.now() - t);
    }
    const ids = due.map((d) => d.id).slice(0, 300);
    const sendingTimes: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      await outbox.markSending(id, new Date());
      sendingTimes.push(performance.now() - t);
    }
    const sentTimes: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      await outbox.markSent(id, 'probe', new Date());
      sentTimes.push(performance.now() - t);
    }
    return { rows, dueMs: median(dueTimes), markSendingMs: median(sendingTimes), markSentMs: median(sentTimes) };
  } finally {
    await db.destroy();
  }
}
