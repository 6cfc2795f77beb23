// Bad command-line input: each problem names the flag, and main prints one line per problem.
import { ValidationError, type Problem } from '../domain/errors';

export class UsageError extends ValidationError {
  constructor(problems: readonly Problem[]) {
    super('CLI.USAGE', problems, 'The command cannot run');
  }
}
