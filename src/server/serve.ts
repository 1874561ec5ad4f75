import type { Server } from "node:http";
import type { Yizhi } from "../service/yizhi.js";
import { createApp, type AppOptions } from "./app.js";

/** Starts the HTTP server; resolves once it listens, with the URL it listens on. */
export function startServer(
  yizhi: Yizhi,
  host: string,
  port: number,
  options: AppOptions = {},
): Promise<{ server: Server; url: string }> {
  const app = createApp(yizhi, options);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) {
        reject(error);
        return;
      }
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({ server, url: `http://${shownHost}:${actualPort}/` });
    });
    server.on("error", reject);
  });
}
