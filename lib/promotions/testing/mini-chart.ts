// A small chart for the checklist tests: one Deployment (optionally needing
// a Secret and a ConfigMap), a Service, a test hook and a values schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
  labels: { app.kubernetes.io/instance: {{ .Release.Name }}, app.kubernetes.io/name: web }
spec:
  replicas: {{ .Values.replicas }}
  selector: { matchLabels: { app.kubernetes.io/instance: {{ .Release.Name }} } }
  template:
    metadata: { labels: { app.kubernetes.io/instance: {{ .Release.Name }}, app.kubernetes.io/name: web } }
    spec:
      containers:
        - name: web
          image: "example/web:{{ .Values.image.tag }}"
          {{- if .Values.broken }}{{ .Values.nothing.deeper }}{{ end }}
          {{- with .Values.secretRef }}
          env:
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: {{ . }}, key: password } }
          {{- end }}
          {{- with .Values.configMapRef }}
          envFrom: [{ configMapRef: { name: {{ . }} } }]
          {{- end }}
          resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { cpu: 200m, memory: 128Mi } }
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}
  labels: { app.kubernetes.io/instance: {{ .Release.Name }} }
spec:
  selector: { app.kubernetes.io/instance: {{ .Release.Name }} }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
`;
const TEST = `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-test
  annotations: { helm.sh/hook: test, helm.sh/hook-delete-policy: before-hook-creation }
spec:
  restartPolicy: Never
  containers: [{ name: check, image: "busybox:{{ .Values.testTag }}" }]
`;
const SCHEMA = {
  $schema: 'https://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['replicas', 'image'],
  properties: {
    replicas: { type: 'integer', minimum: 1 },
    image: { type: 'object', properties: { tag: { type: 'string' } } },
  },
};

export function writeMiniChart(dir: string): string {
  mkdirSync(path.join(dir, 'templates', 'tests'), { recursive: true });
  writeFileSync(
    path.join(dir, 'Chart.yaml'),
    'apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: "1.0.0"\nicon: https://example.com/icon.png\n',
  );
  writeFileSync(
    path.join(dir, 'values.yaml'),
    'replicas: 2\nimage: { tag: "1.0.0" }\ntestTag: "1.36"\nbroken: false\nsecretRef: ""\nconfigMapRef: ""\n',
  );
  writeFileSync(path.join(dir, 'values.schema.json'), JSON.stringify(SCHEMA, null, 2));
  writeFileSync(path.join(dir, 'templates', 'deployment.yaml'), DEPLOYMENT);
  writeFileSync(path.join(dir, 'templates', 'service.yaml'), SERVICE);
  writeFileSync(path.join(dir, 'templates', 'tests', 'test.yaml'), TEST);
  return dir;
}
