export { default } from './helpers/global-setup';
