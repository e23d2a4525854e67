// The part of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  function autocannon(options: Record<string, unknown>, done: (err: Error | null, result: any) => void): unknown;
  export default autocannon;
}
