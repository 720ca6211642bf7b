// OpenAPI as clients need it. helm downloads /openapi/v2 before it validates
// manifests and only needs a parseable document: an empty protobuf message
// is one. The media type must be the `.v1.0+protobuf` form: Go's mime
// parser rejects the `@v1.0` form clients put in Accept.
export const OPENAPI_V2_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
