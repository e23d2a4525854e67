/** The slice of a pino logger the adapters use; pass the service's logger. */
export interface JobLogger {
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** Handler failures are recorded on the job itself, so only infrastructure errors reach stderr by default. */
export const defaultJobLogger: JobLogger = {
  warn: () => undefined,
  error: (context, message) => console.error(message, context),
};

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
