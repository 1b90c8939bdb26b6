/** A console call made from botframework-connector's own code (a frame of it on the call stack). */
const SDK_FRAME = /[\\/]node_modules[\\/]botframework-connector[\\/]/;

let sink: ((line: string) => void) | undefined;
let installed = false;

/** First line of anything the SDK printed: an error's message, never its stack or a key. */
function firstLine(args: unknown[]): string {
  const text = args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : String(a))).join(' ');
  return text.split('\n')[0]!.slice(0, 200);
}

function printedBySdk(): boolean {
  return SDK_FRAME.test(new Error().stack ?? '');
}

/**
 * From now on, what botframework-connector prints with console.* goes to `onLine` (its first line
 * only) instead of the output. The Bot Framework SDK writes token verification failures with
 * console.error (a stack, or the whole signing key), so every forged token would otherwise leave a
 * stack trace in the log. Everything else prints as before. Told apart by the call stack, not by an
 * AsyncLocalStorage around each request: that switches on promise hooks for the whole process, and
 * with them every await of every chat turn gets slower. Installed on first use, so console
 * replacements made before (a test's spies) stay underneath.
 */
export function catchSdkConsole(onLine: (line: string) => void): void {
  sink = onLine;
  if (installed) return;
  installed = true;
  for (const method of ['error', 'warn', 'log', 'info'] as const) {
    const original = console[method];
    console[method] = function (this: Console, ...args: unknown[]) {
      if (printedBySdk()) sink?.(firstLine(args));
      else original.apply(this, args);
    };
  }
}
