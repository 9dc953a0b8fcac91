/** What `tsbandit init` writes: every key, commented, with the schema for editors. */
export const STARTER_CONFIG = `# tsbandit configuration (YAML or JSON only: a config never runs code).
# Schema for editors: https://github.com/tsbandit/tsbandit/blob/main/schema/config.schema.json
# Command-line options win over this file.

# Paths to scan when none are given on the command line.
include:
  - .

# gitignore-syntax patterns to skip (node_modules, dist, build, coverage, *.min.js and *.d.ts
# are skipped already). Fixtures and tests often hold deliberately bad code:
exclude:
  - "test/fixtures/**"

# Report findings at or above these levels (low | medium | high | critical; low | medium | high).
severity: low
confidence: low

# Skip files larger than this, with a notice.
maxFileSize: 2m

# Only report findings not recorded in this file (create it with --write-baseline).
# baseline: .tsbandit-baseline.json

# Per-rule settings, by id or name: off, on, or { severity, confidence, options }.
rules:
  # weak-hash: { severity: low }      # e.g. MD5 only names cache entries here
  # TSB101: off

# Report tsbandit-ignore / nosec comments that name no rule (TSB001) or silence nothing (TSB002).
# reportUnscopedSuppressions: true
# reportUnusedSuppressions: true

# Teach the analysis about your own code (see docs/configuration.md, "Analysis extensions").
# analysis:
#   sinks:                        # kind: sql | command | html | code | path | url
#     - { kind: sql, module: my-db, method: rawQuery, argument: 0 }
#   sources:
#     - ctx.state.input
#   sanitizers:
#     - { module: my-validators, method: safeFileName }
#   secretPatterns:               # linear-time regexes only (no nested quantifiers, no backreferences)
#     - { id: acme-key, name: an ACME API key, regex: "acme_[A-Za-z0-9]{32}" }
#   allowlist:
#     paths: ["test/fixtures/**"]
#     values: [acme_0000000000000000000000000000TEST]

# npm packages exporting extra rules. Plugins are code: a config found in a scanned folder
# may load them only with --trust-config.
# plugins:
#   - tsbandit-plugin-acme
`;
