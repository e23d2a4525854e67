export * from './errors/domain-error';
export * from './errors/outside-jurisdiction';

export * from './division/division-code';
export * from './division/division-code.schema';
export * from './citizen/citizen-id';
export * from './money/money';

export * from './time/local-date';
export * from './time/shanghai-time';
export * from './time/request-date-range';
export * from './text/control-characters';
export * from './json/same-json';
export * from './validation/zod-reason-zh';
export * from './validation/deep-freeze';
export * from './files/zip-directory';

export * from './calendar/calendar-horizon-error';
export * from './calendar/chinese-days-data';
export * from './calendar/year-arrangement';
export * from './calendar/working-calendar';
export * from './calendar/period';
export * from './calendar/due-date';

export * from './events/envelope';
export * from './events/envelope.schema';
export * from './events/new-envelope';
export * from './events/event-contract';
export * from './events/contract-errors';
export * from './events/forbidden-keys';
export * from './events/contract-registry';
export * from './contracts';
