import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { startServer } from "../server/serve.js";
import { openYizhi, parseIntOption } from "./context.js";

/** `yizhi serve`: the HTTP API and the web page, on loopback by default. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API and the web page")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--body-limit <size>", "largest request body accepted", "50mb")
    .action(async (opts: { port: string; host: string; bodyLimit: string }, command: Command) => {
      const port = parseIntOption("--port", opts.port, 0, 65535);
      const yizhi = await openYizhi(command);
      let listening;
      try {
        listening = await startServer(yizhi, opts.host, port, { bodyLimit: opts.bodyLimit });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${opts.host} is already in use (try --port)`);
        throw error;
      }
      process.stdout.write(`yizhi serving ${listening.url}\n`);
      const shutdown = () => {
        // Stop accepting connections; in-flight requests finish; store writes are already atomic.
        listening.server.close(() => process.exit(0));
        listening.server.closeIdleConnections();
        setTimeout(() => process.exit(0), 10_000).unref();
      };
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    });
}
