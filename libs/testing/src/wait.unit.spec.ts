import { eventually, expectEventually, waitFor } from './wait';

describe('waiting kit', () => {
  it('waitFor returns once the condition holds, and names what it waited for at the deadline', async () => {
    let n = 0;
    await waitFor(() => ++n >= 3, 1000);
    expect(n).toBe(3);
    await expect(waitFor(() => false, 60, 'the projection')).rejects.toThrow('timed out waiting for the projection');
  });

  it('waitFor fails at once when the condition throws', async () => {
    const started = Date.now();
    await expect(waitFor(() => Promise.reject(new Error('broken query')), 5000)).rejects.toThrow('broken query');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('eventually returns what the probe found, passing over errors and empty answers', async () => {
    let n = 0;
    const found = await eventually('the row', async () => {
      n++;
      if (n === 1) throw new Error('not there yet');
      return n === 2 ? null : { id: n };
    }, 5000);
    expect(found).toEqual({ id: 3 });
    await expect(eventually('the case', async () => { throw new Error('404'); }, 50)).rejects.toThrow('timed out after 50 ms waiting for the case (last error: 404)');
  });

  it('expectEventually retries an assertion and rethrows its last failure at the deadline', async () => {
    let n = 0;
    expect(await expectEventually(async () => { expect(++n).toBe(3); return n; }, 1000, 5)).toBe(3);
    await expect(expectEventually(async () => expect(1).toBe(2), 30, 5)).rejects.toThrow(/toBe/);
  });
});
