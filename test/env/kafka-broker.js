'use strict';
// Test-environment Kafka broker: a real single-node Kafka 3.9.1 (KRaft, no
// ZooKeeper) run straight from Maven Central jars, so tests need only Java 17
// and Maven - no Docker, no Kafka install. Jars are cached outside the repo.
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const KAFKA_VERSION = '3.9.1';
const SCALA_VERSION = '2.13';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

const POM = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.tthc-audit</groupId><artifactId>kafka-jars</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_${SCALA_VERSION}</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <!-- Kafka logs through slf4j; reload4j is the log4j 1.x binding it ships with -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assertRunnable(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `[test-env] \`${cmd} ${args.join(' ')}\` failed: ${what} is required to run the test Kafka broker. ` +
        'Install a Java 17 JRE/JDK and Apache Maven (e.g. `apt-get install openjdk-17-jre-headless maven`), ' +
        'or set KAFKA_BROKERS=host:port to use an existing broker.',
    );
  }
}

/** Returns the directory holding the Kafka jars, downloading them via Maven on first use. */
function ensureJars(log) {
  const cache = process.env.KAFKA_CACHE_DIR || path.join(os.homedir(), '.cache', 'tthc-audit', `kafka-${KAFKA_VERSION}`);
  const libs = path.join(cache, 'libs');
  if (fs.existsSync(path.join(libs, `kafka_${SCALA_VERSION}-${KAFKA_VERSION}.jar`))) return libs;

  assertRunnable('mvn', ['-v'], 'Apache Maven'); // only needed when the cache is cold
  fs.mkdirSync(cache, { recursive: true });
  fs.writeFileSync(path.join(cache, 'pom.xml'), POM);
  // Download into a per-process temp dir and rename at the end: a half-finished
  // download is never mistaken for a cache hit, and parallel runs don't collide.
  const tmp = path.join(cache, `libs.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`[test-env] Downloading Kafka ${KAFKA_VERSION} jars with Maven into ${libs} (one-time, up to ~20s)...`);
  const t0 = Date.now();
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(cache, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime'],
    { encoding: 'utf8' },
  );
  if (r.error || r.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`[test-env] Maven download of Kafka jars failed:\n${r.stdout || ''}${r.stderr || ''}${r.error || ''}`);
  }
  try {
    fs.renameSync(tmp, libs);
  } catch (e) {
    // Another process finished first; its copy is as good as ours.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(libs)) throw e;
  }
  log(`[test-env] Kafka jars cached (${fs.readdirSync(libs).length} jars, ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return libs;
}

/** Reserves `n` distinct free loopback ports (all held open together so they differ). */
async function freePorts(n) {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise((resolve, reject) => {
      const s = net.createServer().once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Kafka cluster id: 16 random bytes, base64url without padding (22 chars). */
function kafkaUuid() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id; // Kafka avoids a leading '-' (looks like a CLI flag)
  }
}

function tail(files, n) {
  const lines = files.flatMap((f) => {
    try { return [`--- ${f}`, ...fs.readFileSync(f, 'utf8').trimEnd().split('\n').slice(-n)]; } catch { return []; }
  });
  return lines.join('\n');
}

async function startKafkaBroker({ log = console.log } = {}) {
  assertRunnable('java', ['-version'], 'Java 17 (JRE or JDK)');
  const libs = ensureJars(log);
  const t0 = Date.now();
  const [port, cport] = await freePorts(2);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-kafka-'));
  const propsFile = path.join(dir, 'server.properties');
  const log4jFile = path.join(dir, 'log4j.properties');
  const logFile = path.join(dir, 'kafka.log');
  const stdoutFile = path.join(dir, 'stdout.log');

  fs.writeFileSync(propsFile, [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${cport}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${cport}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    // Single node: internal topics must not ask for more replicas than exist.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=4', // default 50 makes the first consumer group slow to start
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0', // default 3s delay on every first join
    'num.partitions=1',
    'auto.create.topics.enable=true',
    '',
  ].join('\n'));
  // Kafka logs INFO chatter to stdout by default; keep WARN+ in a file instead.
  fs.writeFileSync(log4jFile, [
    'log4j.rootLogger=WARN, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${logFile}`,
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    '',
  ].join('\n'));
  const jvm = [`-Dlog4j.configuration=file:${log4jFile}`, '-cp', path.join(libs, '*')];
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });

  // Format the KRaft metadata log (required before first start).
  const fmt = spawnSync('java', [...jvm, 'kafka.tools.StorageTool', 'format', '-t', kafkaUuid(), '-c', propsFile], { encoding: 'utf8' });
  if (fmt.status !== 0) {
    cleanup();
    throw new Error(`[test-env] Kafka storage format failed:\n${fmt.stdout}${fmt.stderr}${fmt.error || ''}`);
  }

  const out = fs.openSync(stdoutFile, 'a');
  const child = spawn(
    'java',
    ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-Djava.awt.headless=true', ...jvm, 'kafka.Kafka', propsFile],
    { detached: false, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  // Never leave an orphan JVM holding ports if the test process dies or forgets stop().
  const killOnExit = () => {
    child.kill('SIGKILL');
    try { fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort */ }
  };
  process.on('exit', killOnExit);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM'); // graceful shutdown takes a few seconds in KRaft mode
      // unref'd timer: a pending 15s timeout must not keep the test process alive
      const timeout = new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS, 'timeout').unref());
      if ((await Promise.race([exitPromise, timeout])) === 'timeout') { child.kill('SIGKILL'); await exitPromise; }
    }
    process.removeListener('exit', killOnExit);
    cleanup();
  };

  // Poll until the broker answers metadata requests (the port opens a bit before it's usable).
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({ brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited || Date.now() > deadline) {
      const why = exited ? `exited early (code ${exited.code}, signal ${exited.signal})` : `did not answer within ${START_TIMEOUT_MS / 1000}s`;
      const logs = tail([stdoutFile, logFile], 40);
      await stop();
      throw new Error(`[test-env] Kafka broker ${why}. Last log lines:\n${logs}`);
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      await admin.disconnect();
      break;
    } catch {
      await admin.disconnect().catch(() => {});
      await sleep(250);
    }
  }
  log(`[test-env] Kafka ${KAFKA_VERSION} (KRaft) started on 127.0.0.1:${port} in ${((Date.now() - t0) / 1000).toFixed(1)}s (logs: ${dir})`);
  return { brokers: `127.0.0.1:${port}`, stop, logFile, dataDir: path.join(dir, 'data'), pid: child.pid, libs };
}

/** The Kafka jars (downloaded on first use): their Java clients and tools are clients this service did not write. */
function kafkaLibs({ log = console.log } = {}) {
  return ensureJars(log);
}

module.exports = { startKafkaBroker, kafkaLibs };
