import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; raw: string };

export type SmtpServerOptions = {
  /** Listen on this port (e.g. to bring a "crashed" server back where the client expects it). */
  port?: number;
  /** Refuse a recipient at RCPT TO, e.g. `{ code: 550, message: "No such user" }` or a 451. */
  rejectRecipient?: (address: string) => { code: number; message: string } | null;
  /**
   * Called with each complete message before it is acknowledged. "discard" never acknowledges it
   * (the client gets no 250, as if the line dropped): it is not kept in `received`.
   */
  beforeAccept?: (mail: ReceivedMail, index: number) => "accept" | "discard";
  /** Wait this long before acknowledging each message (a slow server). */
  delayMs?: number;
};

/** A real SMTP server on a free local port that keeps every message it receives. */
export async function startSmtpServer(options: SmtpServerOptions = {}) {
  const received: ReceivedMail[] = [];
  let seen = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Pooled clients keep connections open; let close() end them quickly.
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      const rejection = options.rejectRecipient?.(address.address);
      if (!rejection) return callback();
      const error = new Error(rejection.message) as Error & { responseCode: number };
      error.responseCode = rejection.code;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        };
        if (options.beforeAccept?.(mail, seen++) === "discard") return;
        const accept = () => {
          received.push(mail);
          callback();
        };
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
