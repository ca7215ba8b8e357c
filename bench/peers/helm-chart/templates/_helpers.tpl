{{/* The workload's name: nameOverride, else the release name. */}}
{{- define "app.name" -}}
{{- default .Release.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The selector labels: stable for the life of the Deployment. */}}
{{- define "app.selectorLabels" -}}
app: {{ include "app.name" . }}
{{- end -}}

{{/* Every object's labels. */}}
{{- define "app.labels" -}}
{{ include "app.selectorLabels" . }}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/component: backend
{{- with .Values.partOf }}
app.kubernetes.io/part-of: {{ . }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
