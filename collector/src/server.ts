import type { FastifyInstance } from 'fastify';

export interface ListenOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

/** Starts listening; resolves with the URL clients use, e.g. `https://127.0.0.1:8470`. */
export async function listen(app: FastifyInstance, options: ListenOptions): Promise<string> {
  return app.listen({ host: options.host, port: options.port });
}

/**
 * SIGTERM and SIGINT close the server (in-flight requests finish, so an accepted
 * snapshot is committed and answered) and then the store, through the app's onClose.
 */
export function closeOnSignals(app: FastifyInstance): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    app.close().then(
      () => app.log.info('closed'),
      (err: unknown) => {
        app.log.error({ err }, 'close failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
