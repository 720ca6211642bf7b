{{/* Release-scoped name, truncated to the 63 characters Kubernetes allows. */}}
{{- define "alpha-members.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Workload name: fullname plus the blue/green track unless the release name already carries it. */}}
{{- define "alpha-members.workloadName" -}}
{{- $name := include "alpha-members.fullname" . -}}
{{- if and .Values.track (not (hasSuffix (printf "-%s" .Values.track) $name)) -}}
{{- printf "%s-%s" $name .Values.track | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name -}}
{{- end -}}
{{- end -}}

{{- define "alpha-members.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{- define "alpha-members.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- with .Values.track }}
app.kubernetes.io/track: {{ . }}
{{- end }}
{{- end -}}

{{- define "alpha-members.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "alpha-members.selectorLabels" . }}
app.kubernetes.io/version: {{ include "alpha-members.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
