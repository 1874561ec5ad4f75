import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { problem } from "../server/problem.js";
import { startServer } from "../server/serve.js";
import { openYizhi, parseIntOption } from "./context.js";

/**
 * Answers a request that Node's HTTP parser refused before express saw it (a 100 KB query string overflows the
 * 16 KB header limit: 431) with problem+json like every other error, instead of Node's bare status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, detail] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "header-too-large", "the request line and headers are larger than 16 KB (a query string that long is refused)"]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "request-timeout", "the request was not received in time"]
        : error.code === "HPE_INVALID_URL"
          ? // curl sends `?q=汇款` as raw UTF-8 bytes; a URL may only hold them percent-encoded (RFC 3986 §2.1).
            [400, "bad-url", "the URL holds characters that must be percent-encoded (e.g. curl -G --data-urlencode 'q=汇款')"]
          : [400, "bad-request", "the request is not valid HTTP/1.1"];
  const body = JSON.stringify(problem(status, code, detail, { title: STATUS_CODES[status] ?? "Error" }));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** `yizhi serve`: the HTTP API and the web page, on loopback by default. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API and the web page")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--body-limit <size>", "largest request body accepted", "50mb")
    .option("--no-access-log", "do not log requests on stderr (also YIZHI_ACCESS_LOG=off)")
    .action(async (opts: { port: string; host: string; bodyLimit: string; accessLog: boolean }, command: Command) => {
      const port = parseIntOption("--port", opts.port, 0, 65535);
      const yizhi = await openYizhi(command);
      let listening;
      try {
        // One Apache combined-format line per request on stderr; stdout stays for the URL line scripts read.
        const log = opts.accessLog && process.env.YIZHI_ACCESS_LOG !== "off";
        listening = await startServer(yizhi, opts.host, port, {
          bodyLimit: opts.bodyLimit,
          ...(log ? { accessLog: process.stderr } : {}),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE") throw new UsageError(`port ${port} on ${opts.host} is already in use (try --port)`);
        throw error;
      }
      listening.server.on("clientError", answerClientError);
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
