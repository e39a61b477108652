/**
 * At most `size` callers run at once; the rest wait in order. Inbound messages decode in
 * parallel on the pool, but their transactions all append to the one audit chain: letting every
 * message open a transaction at once only exhausts the connection pool (Prisma gives up on
 * starting a transaction after its maxWait), so the writing phase is queued here instead.
 */
export function limiter(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
