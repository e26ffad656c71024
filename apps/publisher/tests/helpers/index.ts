// Test helpers shared with other packages' tests (the site's tests start a real publisher too).
export { differences, releaseFiles } from './compare';
export { publisherDirs, SECRET, sendHook, startPublisher, type PublisherDirs, type RunningPublisher } from './publisher';
