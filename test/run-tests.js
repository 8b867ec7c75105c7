#!/usr/bin/env node
'use strict';
// `npm test`: provides the real PostgreSQL server and a real Kafka broker, then runs jest (unit + e2e).
//   DATABASE_URL set  → tests create their throwaway databases on that server (the user needs CREATEDB).
//   otherwise         → the local server at postgres://postgres@127.0.0.1:5432/postgres.
//   KAFKA_BROKERS set → that broker is used; otherwise a Kafka 3.9.1 (KRaft) is started here and stopped after.
// Extra arguments go to jest, e.g. `npm test -- libs/config`.
// The service is built first (`npm run build:api`, into dist/, as `npm start` and `npm run cli` run it): the
// processes the tests start (the CLI, the service, the simulator) run that build, not the sources compiled anew
// for each (test/utils/app-process.ts).
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

/** `npm run build:api`: resolves once dist/ holds the service and the simulator, rejects with the compiler's output. */
function buildApps() {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    let output = '';
    const child = spawn(npm, ['run', 'build:api', '--silent'], { cwd: path.join(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build:api failed (exit ${code}):\n${output}`))));
  });
}

/**
 * A database with every migration applied (by the build just made), which each test file's migrated database is
 * copied from (CREATE DATABASE … TEMPLATE, a tenth of a second where migrating takes about one).
 */
async function migratedTemplate(adminUrl, name) {
  const { DataSource } = require('typeorm');
  const { MIGRATIONS } = require(path.join(__dirname, '..', 'dist', 'libs', 'database', 'src', 'migrations'));
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource({ type: 'postgres', url: url.toString(), migrations: MIGRATIONS, migrationsTableName: 'schema_migration' });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  log(`migrated ${name}: each test file's migrated database is a copy of it`);
  return name;
}

async function main() {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const version = await checkPostgres(adminUrl);
  const prefix = `tthc_test_${process.pid}_`;
  log(`PostgreSQL ${version} at ${adminUrl.replace(/:[^:@/]*@/, ':***@')}; throwaway databases named ${prefix}*`);

  log('building the service into dist/ (npm run build:api) for the processes the tests start');
  const built = buildApps();
  let broker;
  if (process.env.KAFKA_BROKERS) {
    log(`Kafka: using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
  } else {
    broker = await startKafkaBroker({ log: console.log });
  }
  let template;
  try {
    await built;
    template = await migratedTemplate(adminUrl, `${prefix}template`);
  } catch (error) {
    if (broker) await broker.stop();
    throw error;
  }

  const env = {
    ...process.env,
    TEST_ADMIN_DATABASE_URL: adminUrl,
    TEST_DATABASE_PREFIX: prefix,
    TEST_KAFKA_BROKERS: process.env.KAFKA_BROKERS || broker.brokers,
    TZ: 'UTC',
    TEST_APPS_BUILD: path.join(__dirname, '..', 'dist'),
    TEST_TEMPLATE_DATABASE: template,
  };
  // The service's own variables must not leak into the apps the tests boot.
  delete env.DATABASE_URL;
  delete env.KAFKA_BROKERS;

  // The tests' temporary files (exports, reports, browser profiles, console copies) go into a directory of this run,
  // removed after it: test data of citizens does not stay behind in the machine's /tmp.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}tmp-`));
  env.TMPDIR = scratch;

  const jest = path.join(__dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
  const results = path.join(os.tmpdir(), `${prefix}results.json`);
  const code = await new Promise((resolve) => {
    const args = [jest, '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
  const summary = readSummary(results);
  fs.rmSync(scratch, { recursive: true, force: true });

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
