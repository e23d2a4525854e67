import { backoffMs } from './retry-policy';
import { consumerGroup, deadLetterTopic, integrationTopic, orderingKey, topicDeclarations } from './topics';
import { isTransientInfrastructureError } from './transient-error';

describe('topic naming', () => {
  it('names one events topic per producer and one dead-letter topic per consumer', () => {
    expect(integrationTopic('vetting')).toBe('lw.vetting.events');
    expect(deadLetterTopic('auditing')).toBe('lw.auditing.dlq');
    expect(consumerGroup('auditing', 'stage')).toBe('stage.auditing');
    expect(topicDeclarations(['tipline'], { partitions: 6 })).toEqual([
      { name: 'lw.tipline.events', partitions: 6, purpose: 'events' },
      { name: 'lw.tipline.dlq', partitions: 1, purpose: 'dead-letters' },
    ]);
  });

  it('keys county-wide events with a constant so they stay ordered among themselves', () => {
    expect(orderingKey(null)).toBe(orderingKey(null));
    expect(orderingKey('330102001001')).toBe('330102001001');
  });
});

describe('retry policy', () => {
  it('backs off exponentially within ±20 % and never beyond the cap', () => {
    const policy = { attempts: 5, initialBackoffMs: 100, maxBackoffMs: 1000 };
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(policy, 1)).toBeGreaterThanOrEqual(80);
      expect(backoffMs(policy, 1)).toBeLessThanOrEqual(120);
      expect(backoffMs(policy, 3)).toBeGreaterThanOrEqual(320);
      expect(backoffMs(policy, 10)).toBeLessThanOrEqual(1200);
    }
  });
});

describe('transient infrastructure errors', () => {
  it('tells a lost database apart from a failing handler', () => {
    expect(isTransientInfrastructureError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientInfrastructureError(Object.assign(new Error('x'), { code: '57P01' }))).toBe(true);
    expect(isTransientInfrastructureError(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isTransientInfrastructureError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientInfrastructureError(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isTransientInfrastructureError(new Error('business rule violated'))).toBe(false);
  });
});
