// The write path runs against the one runtime (lib/runtime); these names
// stay for the tests and tools that point it elsewhere.
import { configureRuntime, kubeClients, runtime, type TRuntime } from '@/lib/runtime';

export type TOperationsRuntime = TRuntime;
export const configureOperations = configureRuntime;
export const operationsRuntime = runtime;
export { kubeClients };
