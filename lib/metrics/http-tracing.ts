// HTTP request durations by route, from the spans Next.js itself emits: once
// an OpenTelemetry tracer provider is registered, Next opens a
// `BaseServer.handleRequest` span per request and names its route pattern
// (`/releases/[environment]/...`) at the end, which keeps the label set small.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  type ReadableSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { observeHttpRequest } from './record';

const REQUEST_SPAN = 'BaseServer.handleRequest';

const durationProcessor: SpanProcessor = {
  onStart() {},
  onEnd(span: ReadableSpan) {
    const a = span.attributes;
    if (a['next.span_type'] !== REQUEST_SPAN) return;
    const [s, ns] = span.duration;
    observeHttpRequest(
      {
        route: typeof a['http.route'] === 'string' ? a['http.route'] : 'unmatched',
        method: typeof a['http.method'] === 'string' ? a['http.method'] : 'OTHER',
        status: typeof a['http.status_code'] === 'number' ? a['http.status_code'] : 0,
      },
      s + ns / 1e9,
    );
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

const KEY = Symbol.for('helmdeck.httpTracing');

/** Registers the tracer provider and context manager Next's spans need; once per process. */
export function startHttpMetrics(): void {
  const g = globalThis as { [KEY]?: boolean };
  if (g[KEY]) return;
  g[KEY] = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({
      sampler: new AlwaysOnSampler(),
      spanProcessors: [durationProcessor],
    }),
  );
}
