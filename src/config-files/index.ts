export { configFormatOf, isExampleFile, isLocaleFile, isSkippedConfigFile, isTestPath, type ConfigFormat } from './patterns.js';
export { parseConfig, type ConfigComment, type ConfigEntry, type ParsedConfig } from './parse.js';
export { CONFIG_FILE_RULE_ID, KNOWN_FORMAT_RULE_ID, readsConfigFiles, scanConfigFiles, scanConfigText, type ConfigFilesOutcome, type ConfigScanOptions } from './scan.js';
