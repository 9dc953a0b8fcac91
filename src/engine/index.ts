export { activateRules, scan, scanSource, DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS, type ScanOptions, type ScanProgress, type ScanResult, type ScanStats } from './scan.js';
export { runRulesOnFile, type ActiveRule, type FileInput, type FileResult } from './run-rules.js';
export { walk, type DispatchTable, type NodeHandler } from './walker.js';
