// Structured logs, one JSON object per line, in the shape Cloud Logging reads (severity,
// message). Fields are references, codes and counts; callers never pass personal data.
import type { Logger } from '../../ports';

type Fields = Record<string, string | number | boolean | null>;

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const log = (severity: string, event: string, fields: Fields = {}): void => {
    write(`${JSON.stringify({ severity, message: event, ...fields, time: new Date().toISOString() })}\n`);
  };
  return {
    info: (event, fields) => {
      log('INFO', event, fields);
    },
    warn: (event, fields) => {
      log('WARNING', event, fields);
    },
    error: (event, fields) => {
      log('ERROR', event, fields);
    },
  };
}
