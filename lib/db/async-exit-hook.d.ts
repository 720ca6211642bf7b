// async-exit-hook ships no types; the one call we make.
declare module 'async-exit-hook' {
  export default function exitHook(hook: (done: () => void) => void): void;
}
