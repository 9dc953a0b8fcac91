export { DEFAULT_EXCLUDES, discover, toPosix, type DiscoveredFile, type Discovery, type DiscoverOptions } from './discover.js';
export { DEFAULT_MAX_FILE_SIZE, formatBytes, readSourceFile, type ReadOutcome } from './read.js';
export { parseShard, shardOf, type Shard } from './shard.js';
