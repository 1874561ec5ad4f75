import { spawn, type ChildProcess } from "node:child_process";
import { CLI, ROOT } from "./cli.js";

/** A running `yizhi serve` on a free loopback port. */
export interface RunningServer {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Starts the built CLI's server with `--port 0` and waits for the URL it prints. */
export function startServer(args: readonly string[]): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20_000);
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const m = /yizhi serving (http:\/\/\S+)\n/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once("exit", (code) => done(code));
              child.kill("SIGTERM");
            }),
        });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}
