/**
 * One structured JSON logger (pino) for the whole process. Lines go to stdout
 * through pino's asynchronous destination: a request log line is a buffer
 * append, not a write system call (pino flushes it when the process exits).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  if (level === 'silent') return pino({ level });
  return pino({ level, base: { service: 'newsreel' } }, pino.destination({ dest: 1, sync: false }));
}
