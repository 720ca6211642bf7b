{{- define "helmdeck.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "helmdeck.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "helmdeck.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "helmdeck.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "helmdeck.selectorLabels" -}}
app.kubernetes.io/name: {{ include "helmdeck.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "helmdeck.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "helmdeck.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The metricsEndpoint settings of helmdeck.yaml, or an empty dict. */}}
{{- define "helmdeck.metrics" -}}
{{- toYaml (default dict .Values.config.metricsEndpoint) }}
{{- end }}

{{/* Namespaces the service account gets helm's rights in: set, or those of in-cluster environments. */}}
{{- define "helmdeck.releaseNamespaces" -}}
{{- $namespaces := list }}
{{- if .Values.rbac.releaseNamespaces }}
{{- $namespaces = .Values.rbac.releaseNamespaces }}
{{- else }}
{{- range .Values.config.environments }}
{{- $env := . }}
{{- range .clusters }}
{{- if eq .context "in-cluster" }}
{{- $namespaces = append $namespaces $env.namespace }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson (uniq $namespaces) }}
{{- end }}
