/** The enums the schemas check against, re-exported from the shared contracts. */
export { ENVIRONMENT_KINDS, EXPIRY_STATES, PROVIDER_IDS, TOKEN_KINDS, VERSION_STATUSES } from '../../src/shared/model';
export { ERROR_CODES as ERROR_CODES_FOR_TESTS } from '../../src/shared/errors';
