export { ConfigError, CONFIG_FILE_NAMES, findConfig, loadConfigFile, locateConfig, pluginNamesOf, readConfig, validateConfig, type LoadedConfig, type RawConfig, type RuleSetting, type TsbanditConfig } from './load.js';
export { applyRuleSettings, enabledRules, ruleOptionsOf } from './apply.js';
export { loadPlugins, rulesOfModule, type LoadedPlugin } from './plugins.js';
export { configSchema, CONFIG_SCHEMA_ID } from './schema.js';
export { analysisSchema, regexRisk, SINK_KINDS, validateAnalysis, type AnalysisConfig, type SanitizerSpec, type SecretAllowlist, type SecretPatternSpec, type SinkKind, type SinkSpec, type SourceSpec } from './analysis.js';
