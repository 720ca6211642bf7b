// Values documents: YAML parsed with limits, canonical JSON, the digest that
// operations, tickets and the audit chain record, and the image-tag rule.
// Pure: no database, no cluster, no helm.
export { canonicalDigest, canonicalJson, valuesDigest } from './canonical-json';
export { IMAGE_TAG_PATTERN, IMAGE_TAG_RULE, ZImageTag } from './image-tag';
export {
  depthOf,
  MAX_STORED_VALUES_BYTES,
  MAX_VALUES_ALIASES,
  MAX_VALUES_BYTES,
  MAX_VALUES_DEPTH,
  MAX_VALUES_FILE_BYTES,
  valuesSizeProblem,
} from './limits';
export { parseValuesYaml, valuesFromYaml, type TValues, type TValuesResult } from './parse-values';
