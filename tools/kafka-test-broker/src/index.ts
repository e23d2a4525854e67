// The TypeScript starter lives in @lw/testing (libs may only import libs, and tests are its main
// users); this package re-exports it for tools such as the benchmarks. See README.md.
export { buildKafkaTestBroker, startKafkaTestBroker, KAFKA_TEST_BROKER_BINARY, KAFKA_TEST_BROKER_SOURCE } from '@lw/testing';
export type { KafkaTestBroker, KafkaTestBrokerOptions, TopicSpec } from '@lw/testing';
