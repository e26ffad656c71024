import { errors } from '@strapi/utils';
import { NO_ACCOUNTS } from '../bootstrap/closed-surfaces';

/** Refuses whatever it guards: the portal has no reader accounts (see bootstrap/closed-surfaces.ts). */
export default () => {
  throw new errors.PolicyError(NO_ACCOUNTS);
};
