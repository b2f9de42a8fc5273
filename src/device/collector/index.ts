/** The browser fingerprint collector the server publishes at a stable URL (e.g. `/v1/device/collector.js`). */
import { minifyCollector } from './minify.js';
import { collectorSource } from './source.js';

/** Minified script text to serve with `content-type: text/javascript`. */
export const collectorScript: string = minifyCollector(collectorSource);

/** Upper bound the collector must stay under (bytes, minified). */
export const COLLECTOR_MAX_BYTES = 15 * 1024;

export { collectorSource, minifyCollector };
