// A command that cannot do its work for a reason the person can put right (no local service is
// running, say): main prints the sentence as it is and exits 1, not as an unexpected error.
import { AppError } from '../domain/errors';

export class CommandError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CLI.CANNOT_RUN', message, 500, options);
  }
}
