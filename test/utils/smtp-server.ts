import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body) as the server received it. */
  raw: string;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  url: string;
  messages: CapturedMail[];
  /** Resolves once at least n messages have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message it accepts. rejectFirst: answer the first n messages
 * with a temporary failure (451), as a mail server that is down for a while does.
 */
export async function startSmtpServer(
  options: { rejectFirst?: number } = {},
): Promise<TestSmtpServer & { rejected: () => number; refuseNext: (n: number) => void }> {
  const messages: CapturedMail[] = [];
  let rejected = 0;
  let refuseUpTo = options.rejectFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (rejected < refuseUpTo) {
          rejected++;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejected: () => rejected,
    refuseNext: (n) => (refuseUpTo = rejected + n),
    async waitFor(n, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} mail(s), got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded Subject header of a captured message (nodemailer encodes non-ASCII as RFC 2047). */
export function subjectOf(mail: CapturedMail): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mail.raw)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

export interface MailPart {
  headers: string;
  contentType: string;
  filename?: string;
  content: Buffer;
}

/** The parts of a captured multipart message (text and attachments), decoded from base64 or quoted-printable. */
export function partsOf(mail: CapturedMail): MailPart[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(mail.raw)?.[1];
  const chunks = boundary ? mail.raw.split(`--${boundary}`).slice(1, -1) : [mail.raw];
  return chunks.map((chunk) => {
    const at = chunk.indexOf('\r\n\r\n');
    const headers = chunk.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
    const body = chunk.slice(at + 4);
    const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(headers)?.[1].toLowerCase();
    const content =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')
          : Buffer.from(body, 'utf8');
    return {
      headers,
      contentType: /^Content-Type: ([^;\s]+)/im.exec(headers)?.[1] ?? 'text/plain',
      filename: /filename="?([^";]+)"?/i.exec(headers)?.[1],
      content,
    };
  });
}

/** The decoded text/plain body of a captured message. */
export function textOf(mail: CapturedMail): string {
  return partsOf(mail).find((p) => p.contentType === 'text/plain' && !p.filename)?.content.toString('utf8') ?? '';
}
