// A seeded CMS template for the run (SQLite); each test file starts its own copy of it.
export { default } from 'cms/testing/global-setup';
