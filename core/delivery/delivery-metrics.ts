/** Counters for Prometheus /metrics: sends, retries, 429s and dead letters, per platform. */
export class DeliveryMetrics {
  readonly counters = new Map<string, number>();

  inc(name: 'sends' | 'retries' | 'rate_limited' | 'dead_letters' | 'uncertain' | 'reclaimed', platform: string, by = 1): void {
    const key = `${name}|${platform}`;
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  /** Prometheus text exposition format. */
  render(): string {
    const help: Record<string, string> = {
      sends: 'Messages delivered into channels (posts, updates and thread replies)',
      retries: 'Deliveries scheduled for another attempt',
      rate_limited: 'Platform answers 429 Too Many Requests',
      dead_letters: 'Deliveries given up (dead letters)',
      uncertain: 'Deliveries left in flight by a gone instance that the platform cannot confirm, sent again marked as possibly repeated',
      reclaimed: 'Deliveries whose lease was void (a gone instance, or run out long ago), taken over and resolved',
    };
    const lines: string[] = [];
    for (const name of Object.keys(help)) {
      const metric = `ketenbot_delivery_${name}_total`;
      lines.push(`# HELP ${metric} ${help[name]}`, `# TYPE ${metric} counter`);
      for (const platform of ['teams', 'slack', 'local']) lines.push(`${metric}{platform="${platform}"} ${this.counters.get(`${name}|${platform}`) ?? 0}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
