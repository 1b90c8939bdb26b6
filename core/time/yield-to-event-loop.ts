/**
 * Lets pending I/O and timers run before continuing: long computations (loading a large knowledge
 * base) call this every few thousand steps so the server keeps answering meanwhile.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
