// How a build reaches one cluster: the strategy interface, its registry, standard.
export { deliveryStrategy, hasDeliveryStrategy, registerDeliveryStrategy } from './registry';
export { standard } from './standard';
export type * from './types';
