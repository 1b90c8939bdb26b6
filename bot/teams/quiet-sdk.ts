import { AsyncLocalStorage } from 'node:async_hooks';

const captured = new AsyncLocalStorage<string[]>();
let installed = false;

/** First line of anything the SDK printed: an error's message, never its stack or a key. */
function firstLine(args: unknown[]): string {
  const text = args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : String(a))).join(' ');
  return text.split('\n')[0]!.slice(0, 200);
}

/**
 * Runs `work` with botbuilder's own console output caught instead of printed. The Bot Framework SDK
 * writes token verification failures with console.error (a stack, or the whole signing key), so
 * every forged token would otherwise leave a stack trace in the log. Only output made inside
 * `work`'s own async chain is caught; everything else prints as before.
 */
export async function withSdkConsoleCaught<T>(work: () => Promise<T>): Promise<{ result?: T; error?: unknown; printed: string[] }> {
  install();
  const printed: string[] = [];
  return captured.run(printed, async () => {
    try {
      return { result: await work(), printed };
    } catch (error) {
      return { error, printed };
    }
  });
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const method of ['error', 'warn', 'log', 'info'] as const) {
    const original = console[method];
    console[method] = function (this: Console, ...args: unknown[]) {
      const sink = captured.getStore();
      if (sink) sink.push(firstLine(args));
      else original.apply(this, args);
    };
  }
}
