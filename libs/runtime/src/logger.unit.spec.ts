import { Writable } from 'stream';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'tipline', destination: stream }).info({ tipId: 't1' }, 'tip received');
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ service: 'tipline', level: 'info', msg: 'tip received', tipId: 't1' });
  });

  it('never writes identity or credential fields, at any nesting depth', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'tipline', destination: stream });
    log.info({ reporterName: '张三', body: { contact: { phone: '13800000000' }, password: 'pw' }, req: { authorization: 'Bearer x' } }, 'x');
    const text = lines.join('');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('13800000000');
    expect(text).not.toContain('Bearer x');
    expect(text).not.toContain('"pw"');
    expect(text).toContain('[redacted]');
  });
});
