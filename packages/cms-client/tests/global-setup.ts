export { default } from 'cms/testing/global-setup';
