// Request bodies in the formats clients send: JSON, YAML, Kubernetes
// protobuf (helm's release Secrets, kubectl's `create` generators).
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { KObject } from '../store';
import { mediaType } from './http';
import { decodeProtobufBody } from './protobuf';
import { isPlainObject } from './schema';
import { errors } from './status';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const OBJECT_TYPES = ['application/json', 'application/yaml', PROTOBUF];

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

export function parseYamlOrJson(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      // YAML flow syntax is a superset; fall through.
    }
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw errors.badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
}

/** A whole object from a POST/PUT body (or DeleteOptions from a DELETE body). */
export function decodeObjectBody(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = mediaType(req.headers['content-type']) || 'application/json';
  let value: unknown;
  if (type === 'application/json' || type === '*/*') value = parseJson(body.toString('utf8'));
  else if (type === 'application/yaml') value = parseYamlOrJson(body.toString('utf8'));
  else if (type === PROTOBUF) value = decodeProtobufBody(body);
  else throw errors.unsupportedMediaType(type, OBJECT_TYPES);
  if (!isPlainObject(value))
    throw errors.badRequest('the body of the request must be a JSON object');
  return value;
}

/** Normalizes a decoded object body to a KObject with a metadata object. */
export function asObject(value: Record<string, unknown>): KObject {
  const metadata = isPlainObject(value.metadata) ? { ...value.metadata } : {};
  // Protobuf and some clients send empty strings for unset fields.
  for (const k of ['namespace', 'resourceVersion', 'uid', 'generateName', 'name'])
    if (metadata[k] === '') delete metadata[k];
  return { ...value, metadata } as KObject;
}
