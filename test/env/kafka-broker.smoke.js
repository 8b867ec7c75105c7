'use strict';
// Smoke test for the test-env broker: start, create topic, produce, consume, stop.
// Usage: node test/env/kafka-broker.smoke.js
const { Kafka, logLevel } = require('kafkajs');
const { startKafkaBroker } = require('./kafka-broker');

async function main() {
  const t0 = Date.now();
  const broker = await startKafkaBroker();
  try {
    const kafka = new Kafka({ clientId: 'smoke', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const topic = 'smoke-test';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const producer = kafka.producer();
    await producer.connect();
    const value = `hello ${Date.now()}`;
    await producer.send({ topic, messages: [{ key: 'k', value }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'smoke-group' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message consumed within 30s')), 30_000);
      consumer.run({ eachMessage: async ({ message }) => { clearTimeout(timer); resolve(message.value.toString()); } }).catch(reject);
    });
    await consumer.disconnect();
    if (received !== value) throw new Error(`expected "${value}", got "${received}"`);
    console.log(`OK (round trip via ${broker.brokers}, total ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  } finally {
    const t1 = Date.now();
    await broker.stop();
    console.log(`[test-env] broker stopped in ${((Date.now() - t1) / 1000).toFixed(1)}s`);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
