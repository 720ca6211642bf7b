{{- define "ingress-like.labels" -}}
app.kubernetes.io/name: ingress-like
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "ingress-like.hook" -}}
helm.sh/hook: {{ . }}
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end -}}
