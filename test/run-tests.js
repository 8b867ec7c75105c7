#!/usr/bin/env node
'use strict';
// `npm test`: provides the real PostgreSQL server and a real Kafka broker, then runs jest (unit + e2e).
//   DATABASE_URL set  → tests create their throwaway databases on that server (the user needs CREATEDB).
//   otherwise         → the local server at postgres://postgres@127.0.0.1:5432/postgres.
//   KAFKA_BROKERS set → that broker is used; otherwise a Kafka 3.9.1 (KRaft) is started here and stopped after.
// Extra arguments go to jest, e.g. `npm test -- libs/config`.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Client } = require('pg');
const { startKafkaBroker } = require('./env/kafka-broker');

const log = (msg) => console.log(`[test-env] ${msg}`);

async function checkPostgres(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    return rows[0].server_version;
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${error.message}\n` +
        'Start a PostgreSQL server (127.0.0.1:5432, user postgres) or set DATABASE_URL to one where the user may CREATE DATABASE.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropLeftovers(url, prefix) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.length;
  } finally {
    await client.end();
  }
}

async function main() {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const version = await checkPostgres(adminUrl);
  const prefix = `tthc_test_${process.pid}_`;
  log(`PostgreSQL ${version} at ${adminUrl.replace(/:[^:@/]*@/, ':***@')}; throwaway databases named ${prefix}*`);

  let broker;
  if (process.env.KAFKA_BROKERS) {
    log(`Kafka: using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
  } else {
    broker = await startKafkaBroker({ log: console.log });
  }

  const env = {
    ...process.env,
    TEST_ADMIN_DATABASE_URL: adminUrl,
    TEST_DATABASE_PREFIX: prefix,
    TEST_KAFKA_BROKERS: process.env.KAFKA_BROKERS || broker.brokers,
    TZ: 'UTC',
  };
  // The service's own variables must not leak into the apps the tests boot.
  delete env.DATABASE_URL;
  delete env.KAFKA_BROKERS;

  const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
  const results = path.join(os.tmpdir(), `${prefix}results.json`);
  const code = await new Promise((resolve) => {
    const args = [jest, '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
  const summary = readSummary(results);

  const dropped = await dropLeftovers(adminUrl, prefix).catch(() => 0);
  if (dropped) log(`dropped ${dropped} database(s) left by the tests`);
  if (broker) {
    await broker.stop();
    log('Kafka stopped');
  }
  if (summary) console.log(summary);
  process.exit(code);
}

/** The plain closing line CI reads: "N passed, N failed". */
function readSummary(file) {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.rmSync(file, { force: true });
    const skipped = r.numPendingTests + r.numTodoTests;
    return `${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  } catch {
    return undefined;
  }
}

main().catch((error) => {
  console.error(error.message.startsWith('[test-env]') ? error.message : `[test-env] ${error.message}`);
  process.exit(1);
});
