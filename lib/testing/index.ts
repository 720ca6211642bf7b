// Test support shared by every layer's tests (unit, integration, e2e helpers).
export { createUsers, type TTestUser } from './users';
export { waitFor, type TWaitOptions } from './wait-for';
