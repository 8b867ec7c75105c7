import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { kafkaLibs } = require('../env/kafka-broker');

/** The classpath of the Kafka jars the test environment fetched from Maven Central. */
const classpath = (): string => join(kafkaLibs({ log: () => undefined }), '*');

/**
 * Produces key/value lines with Apache Kafka's own Java producer (kafka.tools.ConsoleProducer), with the
 * compression.type a real gateway would set: a client this service did not write.
 */
export function produceWithJava(
  brokers: string,
  topic: string,
  messages: { key: string; value: string }[],
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'java',
      [
        '-cp', classpath(), 'kafka.tools.ConsoleProducer',
        '--bootstrap-server', brokers, '--topic', topic,
        '--compression-codec', compression,
        '--producer-property', 'acks=all', '--producer-property', 'linger.ms=20',
        '--property', 'parse.key=true', '--property', 'key.separator=\t',
      ],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ConsoleProducer exited ${code}: ${stderr.slice(-2000)}`))));
    child.stdin.end(messages.map((m) => `${m.key}\t${m.value}\n`).join(''));
  });
}

/** Kafka's DumpLogSegments over a partition's segments: what the broker holds, batch by batch (codec, offsets). */
export async function dumpLogSegments(partitionDir: string): Promise<string> {
  // Async, so that a partition the broker has not made yet is a rejection the caller can wait out.
  const files = readdirSync(partitionDir).filter((f) => f.endsWith('.log')).map((f) => join(partitionDir, f));
  return new Promise((resolve, reject) =>
    execFile('java', ['-cp', classpath(), 'kafka.tools.DumpLogSegments', '--files', files.join(',')], { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`DumpLogSegments: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
}
