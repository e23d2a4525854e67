import { mergeMarkdown } from './report';

describe('BENCHMARKS.md merge', () => {
  const previous = ['# Benchmarks', '', 'old header', '', '## eventstore', '', '| a |', '', '_1 s_', '', '## tipline', '', '| t |', ''].join('\n');

  it('replaces the suites measured in this run and keeps the others, in the suites\' order', () => {
    const md = mergeMarkdown(previous, new Map([['tipline', '## tipline\n\n| new |\n']]), ['eventstore', 'tipline', 'vetting']);
    expect(md).toContain('| a |');
    expect(md).toContain('| new |');
    expect(md).not.toContain('| t |');
    expect(md).not.toContain('old header');
    expect(md.indexOf('## eventstore')).toBeLessThan(md.indexOf('## tipline'));
  });

  it('adds a suite that had no section yet, after the known ones', () => {
    const md = mergeMarkdown(previous, new Map([['vetting', '## vetting\n\n| v |\n']]), ['eventstore', 'tipline', 'vetting']);
    expect(md.match(/^## /gm)).toHaveLength(3);
    expect(md.indexOf('## tipline')).toBeLessThan(md.indexOf('## vetting'));
  });

  it('writes a whole file from nothing', () => {
    expect(mergeMarkdown('', new Map([['eventstore', '## eventstore\n\n| x |\n']]), ['eventstore'])).toMatch(/^# Benchmarks[\s\S]*## eventstore/);
  });
});
