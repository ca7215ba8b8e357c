// Generated from src/config/schema.ts by src/config/generate-fast-parse.ts: do not edit; `npm run schema` rewrites it.
// The success path of config loading: what TomodaApp.safeParse returns for a valid config, without loading zod.
import { isCidr } from '../k8s/cidr.js';
import { isIngressHostName, isNotIpAddress, isQualifiedNameWithinLimits } from '../k8s/names.js';
import { isHttpUrl } from '../k8s/text.js';
import { array, codePoints, FAIL, object, record, shape } from './fast-parse-runtime.js';
import type { TomodaApp } from './schema.js';

const RE1 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SHAPE2 = shape(true, [
  ["name", string1, false],
  ["namespace", string1, true],
  ["labels", record1, true],
  ["annotations", record1, true],
]);
const RE3 = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const RE4 = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const RE5 = /^(?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?|[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*\/?$/;
const RE6 = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const RE7 = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const RE8 = /^(sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;
const RE9 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SHAPE10 = shape(false, [
  ["registry", string6, true],
  ["name", string7, false],
  ["tag", string8, true],
  ["digest", string9, true],
  ["pullPolicy", enum1, true],
  ["pullSecrets", array1, true],
]);
const RE11 = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RE12 = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
const RE13 = /^(?!\s)[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*(?<!\s)$/;
const RE14 = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;
const SHAPE15 = shape(false, [
  ["from", string2, true],
  ["key", string13, true],
  ["optional", boolean1, true],
  ["field", enum2, true],
  ["resource", enum3, true],
  ["divisor", union1, true],
]);
const RE16 = /^\/[^\u0000-\u0020\u007f]*$/;
const SHAPE17 = shape(false, [
  ["service", string3, true],
]);
const SHAPE18 = shape(false, [
  ["initialDelaySeconds", number2, true],
  ["periodSeconds", number3, true],
  ["timeoutSeconds", number3, true],
  ["failureThreshold", number3, true],
]);
const SHAPE19 = shape(false, [
  ["path", string15, true],
  ["tcp", literal3, true],
  ["grpc", object4, true],
  ["exec", array3, true],
  ["liveness", union3, true],
  ["readiness", union3, true],
  ["startup", object5, true],
]);
const SHAPE20 = shape(false, [
  ["cpu", union1, true],
  ["memory", union1, true],
]);
const SHAPE21 = shape(false, [
  ["cpu", union1, true],
  ["memory", union4, true],
]);
const SHAPE22 = shape(false, [
  ["requests", object7, true],
  ["limits", object8, true],
]);
const SHAPE23 = shape(false, [
  ["runAsNonRoot", boolean1, true],
  ["runAsUser", number2, true],
  ["runAsGroup", number2, true],
  ["fsGroup", number2, true],
  ["readOnlyRootFilesystem", boolean1, true],
  ["writableTmp", boolean1, true],
  ["automountServiceAccountToken", boolean1, true],
]);
const RE24 = /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[-a-z0-9.]+\.iam\.gserviceaccount\.com$/;
const SHAPE25 = shape(false, [
  ["name", string10, true],
  ["shared", string10, true],
  ["external", string10, true],
  ["gcpServiceAccount", string17, true],
  ["annotations", record4, true],
]);
const SHAPE26 = shape(false, [
  ["key", string4, true],
  ["operator", enum5, true],
  ["value", string3, true],
  ["effect", enum6, true],
  ["tolerationSeconds", number4, true],
]);
const SHAPE27 = shape(false, [
  ["zoneSpread", enum4, true],
  ["nodeSpread", enum4, true],
  ["maxSkew", number3, true],
  ["zones", array4, true],
  ["nodeSelector", record2, true],
  ["tolerations", array5, true],
  ["antiAffinity", enum7, true],
  ["priorityClassName", string10, true],
]);
const RE28 = /^[a-z0-9][a-z0-9-]*$/;
const RE29 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SHAPE30 = shape(false, [
  ["name", string19, true],
  ["port", number5, true],
]);
const SHAPE31 = shape(false, [
  ["type", enum9, false],
  ["value", number3, false],
  ["periodSeconds", number7, false],
]);
const SHAPE32 = shape(false, [
  ["stabilizationWindowSeconds", number6, true],
  ["selectPolicy", enum8, true],
  ["policies", array7, true],
]);
const SHAPE33 = shape(false, [
  ["scaleUp", object16, true],
  ["scaleDown", object16, true],
]);
const RE34 = /^(?!\.{1,2}$)[^/%\u0000-\u001f\u007f]+$/;
const SHAPE35 = shape(false, [
  ["metric", string20, false],
  ["matchLabels", record2, true],
  ["averageValue", union1, true],
  ["value", union1, true],
]);
const SHAPE36 = shape(false, [
  ["minReplicas", number3, true],
  ["maxReplicas", number3, false],
  ["cpuUtilization", union7, true],
  ["memoryUtilization", union7, true],
  ["scaleDownStabilizationWindowSeconds", number6, true],
  ["behavior", object17, true],
  ["external", record5, true],
]);
const RE37 = /^(100|[1-9]?[0-9])%$/;
const SHAPE38 = shape(false, [
  ["minAvailable", union8, true],
  ["maxUnavailable", union8, true],
]);
const SHAPE39 = shape(false, [
  ["namespace", string1, true],
  ["podLabels", record2, true],
  ["workload", string1, true],
  ["cidr", string22, true],
  ["except", array8, true],
  ["ports", array9, true],
  ["protocol", enum10, true],
]);
const SHAPE40 = shape(false, [
  ["namespace", string1, true],
  ["podLabels", record2, true],
]);
const SHAPE41 = shape(false, [
  ["to", record6, true],
  ["fromConfig", boolean1, true],
  ["dns", union9, true],
]);
const RE42 = /^\//;
const RE43 = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const SHAPE44 = shape(false, [
  ["port", number5, true],
  ["path", string23, true],
  ["interval", string24, true],
  ["podMonitoring", boolean1, true],
  ["podMonitor", boolean1, true],
  ["serviceMonitor", boolean1, true],
]);
const SHAPE45 = shape(false, [
  ["path", string15, false],
]);
const SHAPE46 = shape(false, [
  ["sleepSeconds", number9, true],
  ["exec", array3, true],
  ["httpGet", object25, true],
]);
const SHAPE47 = shape(false, [
  ["maxSurge", union8, true],
  ["maxUnavailable", union8, true],
  ["minReadySeconds", number2, true],
  ["revisionHistoryLimit", number2, true],
  ["progressDeadlineSeconds", number3, true],
]);
const RE48 = /^\/[^\u0000-\u001f\u007f]*$/;
const SHAPE49 = shape(false, [
  ["sizeLimit", union1, true],
  ["medium", enum11, true],
]);
const SHAPE50 = shape(false, [
  ["mountPath", string25, false],
  ["readOnly", boolean1, true],
  ["subPath", string3, true],
  ["from", string2, true],
  ["items", record7, true],
  ["emptyDir", object28, true],
]);
const RE51 = /^(\/([^~]|~[01])*)*$/;
const SHAPE52 = shape(false, [
  ["op", enum13, false],
  ["path", string26, false],
  ["value", unknown1, true],
]);
const SHAPE53 = shape(false, [
  ["target", enum12, true],
  ["merge", record9, true],
  ["json", array10, true],
]);
const RE54 = /^[^{}\s]+$/;
const SHAPE55 = shape(false, [
  ["secret", string13, false],
  ["key", string11, true],
]);
const SHAPE56 = shape(false, [
  ["minReplicas", number2, true],
  ["maxReplicas", number3, false],
  ["queues", array12, true],
  ["listLength", number10, true],
  ["activationListLength", number8, true],
  ["pollingInterval", number10, true],
  ["cooldownPeriod", number8, true],
  ["passwordFrom", object32, true],
  ["enableTLS", boolean1, true],
]);
const SHAPE57 = shape(false, [
  ["mode", string18, false],
  ["port", union5, true],
  ["replicas", number2, true],
  ["resources", object9, true],
  ["probes", union6, true],
  ["env", record3, true],
  ["imagePullPolicy", enum1, true],
  ["service", object14, true],
  ["ingressFrom", array6, true],
  ["autoscaling", object19, true],
  ["disruptionBudget", object20, true],
  ["security", object10, true],
  ["terminationGracePeriodSeconds", number8, true],
  ["egress", object23, true],
  ["monitoring", object24, true],
  ["serviceAccount", object11, true],
  ["scheduling", object13, true],
  ["preStop", object26, true],
  ["rollout", object27, true],
  ["reloadOnChange", boolean1, true],
  ["labels", record2, true],
  ["annotations", record4, true],
  ["podLabels", record2, true],
  ["podAnnotations", record4, true],
  ["volumes", record8, true],
  ["patches", array11, true],
  ["keda", object33, true],
]);
const SHAPE58 = shape(false, [
  ["hook", enum15, true],
  ["hookDeletePolicy", enum16, true],
  ["syncWave", number11, true],
]);
const SHAPE59 = shape(false, [
  ["name", string28, true],
  ["command", array13, true],
  ["args", array14, true],
  ["env", record3, true],
  ["envFrom", array2, true],
  ["resources", object9, true],
  ["security", object10, true],
  ["restartPolicy", enum14, true],
  ["backoffLimit", number2, true],
  ["activeDeadlineSeconds", number3, true],
  ["ttlSecondsAfterFinished", number2, true],
  ["serviceAccount", object11, true],
  ["scheduling", object13, true],
  ["podLabels", record2, true],
  ["podAnnotations", record4, true],
  ["volumes", record8, true],
  ["argocd", object35, true],
]);
const SHAPE60 = shape(false, [
  ["schedule", string13, false],
  ["timeZone", string13, true],
  ["concurrencyPolicy", enum17, true],
  ["successfulJobsHistoryLimit", number2, true],
  ["failedJobsHistoryLimit", number2, true],
  ["suspend", boolean1, true],
  ["startingDeadlineSeconds", number10, true],
  ["command", array13, true],
  ["args", array14, true],
  ["env", record3, true],
  ["envFrom", array2, true],
  ["resources", object9, true],
  ["security", object10, true],
  ["restartPolicy", enum14, true],
  ["backoffLimit", number2, true],
  ["activeDeadlineSeconds", number3, true],
  ["ttlSecondsAfterFinished", number2, true],
  ["serviceAccount", object11, true],
  ["scheduling", object13, true],
  ["podLabels", record2, true],
  ["podAnnotations", record4, true],
  ["volumes", record8, true],
]);
const SHAPE61 = shape(false, [
  ["image", object2, false],
  ["env", record3, true],
  ["envFrom", array2, true],
  ["probes", object6, true],
  ["resources", object9, true],
  ["security", object10, true],
  ["imagePullPolicy", enum1, true],
  ["serviceAccount", object11, true],
  ["scheduling", object13, true],
  ["reloadOnChange", boolean1, true],
  ["pools", record10, false],
  ["migration", object36, true],
  ["cronJobs", record11, true],
]);
const SHAPE62 = shape(false, [
  ["name", string1, true],
  ["image", object2, false],
  ["port", union5, true],
  ["replicas", number2, true],
  ["resources", object9, true],
  ["probes", union6, true],
  ["env", record3, true],
  ["imagePullPolicy", enum1, true],
  ["service", object14, true],
  ["ingressFrom", array6, true],
  ["autoscaling", object19, true],
  ["disruptionBudget", object20, true],
  ["security", object10, true],
  ["terminationGracePeriodSeconds", number8, true],
  ["egress", object23, true],
  ["monitoring", object24, true],
  ["serviceAccount", object11, true],
  ["scheduling", object13, true],
  ["preStop", object26, true],
  ["rollout", object27, true],
  ["reloadOnChange", boolean1, true],
  ["labels", record2, true],
  ["annotations", record4, true],
  ["podLabels", record2, true],
  ["podAnnotations", record4, true],
  ["volumes", record8, true],
  ["patches", array11, true],
]);
const RE63 = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SHAPE64 = shape(false, [
  ["host", string30, false],
  ["to", string1, false],
  ["path", string15, true],
  ["pathType", enum18, true],
]);
const SHAPE65 = shape(false, [
  ["name", string10, true],
  ["className", string10, true],
  ["clusterIssuer", string10, true],
  ["tlsSecretName", string10, true],
  ["annotations", record4, true],
  ["routes", record12, false],
]);
const SHAPE66 = shape(false, [
  ["kind", enum19, true],
  ["name", string10, false],
]);
const SHAPE67 = shape(false, [
  ["keys", record13, false],
]);
const SHAPE68 = shape(false, [
  ["key", string13, false],
  ["properties", record13, false],
]);
const SHAPE69 = shape(false, [
  ["name", string10, true],
  ["store", object42, false],
  ["refreshInterval", string24, true],
  ["gcp", object43, true],
  ["aws", object44, true],
]);
const SHAPE70 = shape(false, [
  ["gcpServiceAccount", string17, true],
  ["annotations", record4, true],
]);
const RE71 = /^([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$/;
const SHAPE72 = shape(false, [
  ["host", string31, false],
  ["port", number5, true],
  ["user", string13, false],
  ["name", string13, false],
  ["sslMode", enum20, true],
]);
const SHAPE73 = shape(false, [
  ["host", string31, false],
  ["port", number5, true],
]);
const SHAPE74 = shape(false, [
  ["name", string10, true],
  ["env", string13, true],
  ["database", object47, true],
  ["redis", object48, true],
  ["webauthnRpId", string32, true],
  ["frontendUrl", string33, true],
  ["extra", record16, true],
]);
const SHAPE75 = shape(false, [
  ["environment", string1, true],
  ["namespace", string1, true],
  ["labels", record2, true],
  ["backend", object38, false],
  ["frontend", object39, true],
  ["ingress", object41, true],
  ["secrets", record14, true],
  ["serviceAccounts", record15, true],
  ["config", object49, true],
]);
const SHAPE76 = shape(false, [
  ["apiVersion", literal1, false],
  ["kind", literal2, false],
  ["metadata", object1, false],
  ["spec", object50, false],
]);

/** apiVersion */
function literal1(v: any): any {
  return (v === "tomoda.life/v1alpha1") ? v : FAIL;
}

/** kind */
function literal2(v: any): any {
  return (v === "TomodaApp") ? v : FAIL;
}

/** metadata.name */
function string1(v: any): any {
  return typeof v === "string" && codePoints(v) <= 63 && RE1.test(v) ? v : FAIL;
}

/** metadata.labels.<key> */
function string2(v: any): any {
  return typeof v === "string" && codePoints(v) >= 1 ? v : FAIL;
}

/** metadata.labels.* */
function string3(v: any): any {
  return typeof v === "string" ? v : FAIL;
}

/** metadata.labels */
function record1(v: any): any {
  return record(v, string2, string3);
}

/** metadata */
function object1(v: any): any {
  return object(v, SHAPE2);
}

/** spec.labels.<key> */
function string4(v: any): any {
  return typeof v === "string" && codePoints(v) <= 317 && RE3.test(v) && isQualifiedNameWithinLimits(v) ? v : FAIL;
}

/** spec.labels.* */
function string5(v: any): any {
  return typeof v === "string" && RE4.test(v) ? v : FAIL;
}

/** spec.labels */
function record2(v: any): any {
  return record(v, string4, string5);
}

/** spec.backend.image.registry */
function string6(v: any): any {
  return typeof v === "string" && RE5.test(v) ? v : FAIL;
}

/** spec.backend.image.name */
function string7(v: any): any {
  return typeof v === "string" && RE6.test(v) ? v : FAIL;
}

/** spec.backend.image.tag */
function string8(v: any): any {
  return typeof v === "string" && RE7.test(v) ? v : FAIL;
}

/** spec.backend.image.digest */
function string9(v: any): any {
  return typeof v === "string" && RE8.test(v) ? v : FAIL;
}

/** spec.backend.image.pullPolicy */
function enum1(v: any): any {
  return (v === "Always" || v === "IfNotPresent" || v === "Never") ? v : FAIL;
}

/** spec.backend.image.pullSecrets[] */
function string10(v: any): any {
  return typeof v === "string" && codePoints(v) <= 253 && RE9.test(v) ? v : FAIL;
}

/** spec.backend.image.pullSecrets */
function array1(v: any): any {
  return Array.isArray(v) ? array(v, string10) : FAIL;
}

/** spec.backend.image */
function object2(v: any): any {
  return object(v, SHAPE10);
}

/** spec.backend.env.<key> */
function string11(v: any): any {
  return typeof v === "string" && RE11.test(v) ? v : FAIL;
}

/** spec.backend.env.* */
function string12(v: any): any {
  return typeof v === "string" && RE12.test(v) ? v : FAIL;
}

/** spec.backend.env.*.key */
function string13(v: any): any {
  return typeof v === "string" && codePoints(v) >= 1 && RE13.test(v) ? v : FAIL;
}

/** spec.backend.env.*.optional */
function boolean1(v: any): any {
  return typeof v === "boolean" ? v : FAIL;
}

/** spec.backend.env.*.field */
function enum2(v: any): any {
  return (v === "metadata.name" || v === "metadata.namespace" || v === "metadata.uid" || v === "spec.nodeName" || v === "spec.serviceAccountName" || v === "status.podIP" || v === "status.hostIP") ? v : FAIL;
}

/** spec.backend.env.*.resource */
function enum3(v: any): any {
  return (v === "limits.cpu" || v === "limits.memory" || v === "limits.ephemeral-storage" || v === "requests.cpu" || v === "requests.memory" || v === "requests.ephemeral-storage") ? v : FAIL;
}

/** spec.backend.env.*.divisor */
function string14(v: any): any {
  return typeof v === "string" && RE14.test(v) ? v : FAIL;
}

/** spec.backend.env.*.divisor */
function number1(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : FAIL;
}

/** spec.backend.env.*.divisor */
function union1(v: any): any {
  let r;
  if ((r = string14(v)) !== FAIL) return r;
  if ((r = number1(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.env.* */
function object3(v: any): any {
  return object(v, SHAPE15);
}

/** spec.backend.env.* */
function union2(v: any): any {
  let r;
  if ((r = string12(v)) !== FAIL) return r;
  if ((r = object3(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.env */
function record3(v: any): any {
  return record(v, string11, union2);
}

/** spec.backend.envFrom */
function array2(v: any): any {
  return Array.isArray(v) ? array(v, string3) : FAIL;
}

/** spec.backend.probes.path */
function string15(v: any): any {
  return typeof v === "string" && RE16.test(v) ? v : FAIL;
}

/** spec.backend.probes.tcp */
function literal3(v: any): any {
  return (v === true) ? v : FAIL;
}

/** spec.backend.probes.grpc */
function object4(v: any): any {
  return object(v, SHAPE17);
}

/** spec.backend.probes.exec[] */
function string16(v: any): any {
  return typeof v === "string" && RE12.test(v) && codePoints(v) >= 1 ? v : FAIL;
}

/** spec.backend.probes.exec */
function array3(v: any): any {
  return Array.isArray(v) && v.length >= 1 ? array(v, string16) : FAIL;
}

/** spec.backend.probes.liveness.initialDelaySeconds */
function number2(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 0 && v <= 2147483647 ? v : FAIL;
}

/** spec.backend.probes.liveness.periodSeconds */
function number3(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 1 && v <= 2147483647 ? v : FAIL;
}

/** spec.backend.probes.liveness */
function object5(v: any): any {
  return object(v, SHAPE18);
}

/** spec.backend.probes.liveness */
function literal4(v: any): any {
  return (v === "none") ? v : FAIL;
}

/** spec.backend.probes.liveness */
function union3(v: any): any {
  let r;
  if ((r = object5(v)) !== FAIL) return r;
  if ((r = literal4(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.probes */
function object6(v: any): any {
  return object(v, SHAPE19);
}

/** spec.backend.resources.requests */
function object7(v: any): any {
  return object(v, SHAPE20);
}

/** spec.backend.resources.limits.memory */
function union4(v: any): any {
  let r;
  if ((r = union1(v)) !== FAIL) return r;
  if ((r = literal4(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.resources.limits */
function object8(v: any): any {
  return object(v, SHAPE21);
}

/** spec.backend.resources */
function object9(v: any): any {
  return object(v, SHAPE22);
}

/** spec.backend.security */
function object10(v: any): any {
  return object(v, SHAPE23);
}

/** spec.backend.serviceAccount.gcpServiceAccount */
function string17(v: any): any {
  return typeof v === "string" && RE24.test(v) ? v : FAIL;
}

/** spec.backend.serviceAccount.annotations */
function record4(v: any): any {
  return record(v, string4, string12);
}

/** spec.backend.serviceAccount */
function object11(v: any): any {
  return object(v, SHAPE25);
}

/** spec.backend.scheduling.zoneSpread */
function enum4(v: any): any {
  return (v === "ScheduleAnyway" || v === "DoNotSchedule" || v === "none") ? v : FAIL;
}

/** spec.backend.scheduling.zones */
function array4(v: any): any {
  return Array.isArray(v) && v.length >= 1 ? array(v, string1) : FAIL;
}

/** spec.backend.scheduling.tolerations[].operator */
function enum5(v: any): any {
  return (v === "Equal" || v === "Exists") ? v : FAIL;
}

/** spec.backend.scheduling.tolerations[].effect */
function enum6(v: any): any {
  return (v === "NoSchedule" || v === "PreferNoSchedule" || v === "NoExecute") ? v : FAIL;
}

/** spec.backend.scheduling.tolerations[].tolerationSeconds */
function number4(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) ? v : FAIL;
}

/** spec.backend.scheduling.tolerations[] */
function object12(v: any): any {
  return object(v, SHAPE26);
}

/** spec.backend.scheduling.tolerations */
function array5(v: any): any {
  return Array.isArray(v) ? array(v, object12) : FAIL;
}

/** spec.backend.scheduling.antiAffinity */
function enum7(v: any): any {
  return (v === "preferred" || v === "required") ? v : FAIL;
}

/** spec.backend.scheduling */
function object13(v: any): any {
  return object(v, SHAPE27);
}

/** spec.backend.pools.*.mode */
function string18(v: any): any {
  return typeof v === "string" && RE28.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.port */
function number5(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 1 && v <= 65535 ? v : FAIL;
}

/** spec.backend.pools.*.port */
function union5(v: any): any {
  let r;
  if ((r = number5(v)) !== FAIL) return r;
  if ((r = literal4(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.pools.*.probes */
function union6(v: any): any {
  let r;
  if ((r = object6(v)) !== FAIL) return r;
  if ((r = literal4(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.pools.*.service.name */
function string19(v: any): any {
  return typeof v === "string" && codePoints(v) <= 63 && RE29.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.service */
function object14(v: any): any {
  return object(v, SHAPE30);
}

/** spec.backend.pools.*.ingressFrom */
function array6(v: any): any {
  return Array.isArray(v) ? array(v, string1) : FAIL;
}

/** spec.backend.pools.*.autoscaling.cpuUtilization */
function union7(v: any): any {
  let r;
  if ((r = number3(v)) !== FAIL) return r;
  if ((r = literal4(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.pools.*.autoscaling.scaleDownStabilizationWindowSeconds */
function number6(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 0 && v <= 3600 ? v : FAIL;
}

/** spec.backend.pools.*.autoscaling.behavior.scaleUp.selectPolicy */
function enum8(v: any): any {
  return (v === "Max" || v === "Min" || v === "Disabled") ? v : FAIL;
}

/** spec.backend.pools.*.autoscaling.behavior.scaleUp.policies[].type */
function enum9(v: any): any {
  return (v === "Pods" || v === "Percent") ? v : FAIL;
}

/** spec.backend.pools.*.autoscaling.behavior.scaleUp.policies[].periodSeconds */
function number7(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 1 && v <= 1800 ? v : FAIL;
}

/** spec.backend.pools.*.autoscaling.behavior.scaleUp.policies[] */
function object15(v: any): any {
  return object(v, SHAPE31);
}

/** spec.backend.pools.*.autoscaling.behavior.scaleUp.policies */
function array7(v: any): any {
  return Array.isArray(v) && v.length >= 1 ? array(v, object15) : FAIL;
}

/** spec.backend.pools.*.autoscaling.behavior.scaleUp */
function object16(v: any): any {
  return object(v, SHAPE32);
}

/** spec.backend.pools.*.autoscaling.behavior */
function object17(v: any): any {
  return object(v, SHAPE33);
}

/** spec.backend.pools.*.autoscaling.external.*.metric */
function string20(v: any): any {
  return typeof v === "string" && codePoints(v) >= 1 && RE34.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.autoscaling.external.* */
function object18(v: any): any {
  return object(v, SHAPE35);
}

/** spec.backend.pools.*.autoscaling.external */
function record5(v: any): any {
  return record(v, string1, object18);
}

/** spec.backend.pools.*.autoscaling */
function object19(v: any): any {
  return object(v, SHAPE36);
}

/** spec.backend.pools.*.disruptionBudget.minAvailable */
function string21(v: any): any {
  return typeof v === "string" && RE37.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.disruptionBudget.minAvailable */
function union8(v: any): any {
  let r;
  if ((r = number2(v)) !== FAIL) return r;
  if ((r = string21(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.pools.*.disruptionBudget */
function object20(v: any): any {
  return object(v, SHAPE38);
}

/** spec.backend.pools.*.terminationGracePeriodSeconds */
function number8(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 0 ? v : FAIL;
}

/** spec.backend.pools.*.egress.to.*.cidr */
function string22(v: any): any {
  return typeof v === "string" && isCidr(v) ? v : FAIL;
}

/** spec.backend.pools.*.egress.to.*.except */
function array8(v: any): any {
  return Array.isArray(v) ? array(v, string22) : FAIL;
}

/** spec.backend.pools.*.egress.to.*.ports */
function array9(v: any): any {
  return Array.isArray(v) ? array(v, number5) : FAIL;
}

/** spec.backend.pools.*.egress.to.*.protocol */
function enum10(v: any): any {
  return (v === "TCP" || v === "UDP" || v === "SCTP") ? v : FAIL;
}

/** spec.backend.pools.*.egress.to.* */
function object21(v: any): any {
  return object(v, SHAPE39);
}

/** spec.backend.pools.*.egress.to */
function record6(v: any): any {
  return record(v, string1, object21);
}

/** spec.backend.pools.*.egress.dns */
function literal5(v: any): any {
  return (v === false) ? v : FAIL;
}

/** spec.backend.pools.*.egress.dns */
function object22(v: any): any {
  return object(v, SHAPE40);
}

/** spec.backend.pools.*.egress.dns */
function union9(v: any): any {
  let r;
  if ((r = literal5(v)) !== FAIL) return r;
  if ((r = object22(v)) !== FAIL) return r;
  return FAIL;
}

/** spec.backend.pools.*.egress */
function object23(v: any): any {
  return object(v, SHAPE41);
}

/** spec.backend.pools.*.monitoring.path */
function string23(v: any): any {
  return typeof v === "string" && RE42.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.monitoring.interval */
function string24(v: any): any {
  return typeof v === "string" && RE43.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.monitoring */
function object24(v: any): any {
  return object(v, SHAPE44);
}

/** spec.backend.pools.*.preStop.sleepSeconds */
function number9(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 1 && v <= 3600 ? v : FAIL;
}

/** spec.backend.pools.*.preStop.httpGet */
function object25(v: any): any {
  return object(v, SHAPE45);
}

/** spec.backend.pools.*.preStop */
function object26(v: any): any {
  return object(v, SHAPE46);
}

/** spec.backend.pools.*.rollout */
function object27(v: any): any {
  return object(v, SHAPE47);
}

/** spec.backend.pools.*.volumes.*.mountPath */
function string25(v: any): any {
  return typeof v === "string" && RE48.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.volumes.*.items */
function record7(v: any): any {
  return record(v, string2, string2);
}

/** spec.backend.pools.*.volumes.*.emptyDir.medium */
function enum11(v: any): any {
  return (v === "Memory") ? v : FAIL;
}

/** spec.backend.pools.*.volumes.*.emptyDir */
function object28(v: any): any {
  return object(v, SHAPE49);
}

/** spec.backend.pools.*.volumes.* */
function object29(v: any): any {
  return object(v, SHAPE50);
}

/** spec.backend.pools.*.volumes */
function record8(v: any): any {
  return record(v, string1, object29);
}

/** spec.backend.pools.*.patches[].target */
function enum12(v: any): any {
  return (v === "Deployment" || v === "Service" || v === "NetworkPolicy" || v === "HorizontalPodAutoscaler" || v === "PodDisruptionBudget" || v === "ServiceAccount") ? v : FAIL;
}

/** spec.backend.pools.*.patches[].merge.* */
function unknown1(v: any): any {
  return v;
}

/** spec.backend.pools.*.patches[].merge */
function record9(v: any): any {
  return record(v, string3, unknown1);
}

/** spec.backend.pools.*.patches[].json[].op */
function enum13(v: any): any {
  return (v === "add" || v === "remove" || v === "replace" || v === "test") ? v : FAIL;
}

/** spec.backend.pools.*.patches[].json[].path */
function string26(v: any): any {
  return typeof v === "string" && RE51.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.patches[].json[] */
function object30(v: any): any {
  return object(v, SHAPE52);
}

/** spec.backend.pools.*.patches[].json */
function array10(v: any): any {
  return Array.isArray(v) && v.length >= 1 ? array(v, object30) : FAIL;
}

/** spec.backend.pools.*.patches[] */
function object31(v: any): any {
  return object(v, SHAPE53);
}

/** spec.backend.pools.*.patches */
function array11(v: any): any {
  return Array.isArray(v) ? array(v, object31) : FAIL;
}

/** spec.backend.pools.*.keda.queues[] */
function string27(v: any): any {
  return typeof v === "string" && codePoints(v) >= 1 && RE54.test(v) ? v : FAIL;
}

/** spec.backend.pools.*.keda.queues */
function array12(v: any): any {
  return Array.isArray(v) && v.length >= 1 ? array(v, string27) : FAIL;
}

/** spec.backend.pools.*.keda.listLength */
function number10(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v >= 1 ? v : FAIL;
}

/** spec.backend.pools.*.keda.passwordFrom */
function object32(v: any): any {
  return object(v, SHAPE55);
}

/** spec.backend.pools.*.keda */
function object33(v: any): any {
  return object(v, SHAPE56);
}

/** spec.backend.pools.* */
function object34(v: any): any {
  return object(v, SHAPE57);
}

/** spec.backend.pools */
function record10(v: any): any {
  return record(v, string1, object34);
}

/** spec.backend.migration.name */
function string28(v: any): any {
  return typeof v === "string" && codePoints(v) <= 63 && RE1.test(v) && codePoints(v) <= 63 ? v : FAIL;
}

/** spec.backend.migration.command */
function array13(v: any): any {
  return Array.isArray(v) && v.length >= 1 ? array(v, string13) : FAIL;
}

/** spec.backend.migration.args */
function array14(v: any): any {
  return Array.isArray(v) ? array(v, string12) : FAIL;
}

/** spec.backend.migration.restartPolicy */
function enum14(v: any): any {
  return (v === "Never" || v === "OnFailure" || v === "Always") ? v : FAIL;
}

/** spec.backend.migration.argocd.hook */
function enum15(v: any): any {
  return (v === "PreSync" || v === "Sync") ? v : FAIL;
}

/** spec.backend.migration.argocd.hookDeletePolicy */
function enum16(v: any): any {
  return (v === "BeforeHookCreation" || v === "HookSucceeded" || v === "HookFailed") ? v : FAIL;
}

/** spec.backend.migration.argocd.syncWave */
function number11(v: any): any {
  return typeof v === "number" && Number.isFinite(v) && Number.isSafeInteger(v) && v <= -1 ? v : FAIL;
}

/** spec.backend.migration.argocd */
function object35(v: any): any {
  return object(v, SHAPE58);
}

/** spec.backend.migration */
function object36(v: any): any {
  return object(v, SHAPE59);
}

/** spec.backend.cronJobs.<key> */
function string29(v: any): any {
  return typeof v === "string" && codePoints(v) <= 63 && RE1.test(v) && codePoints(v) <= 52 ? v : FAIL;
}

/** spec.backend.cronJobs.*.concurrencyPolicy */
function enum17(v: any): any {
  return (v === "Allow" || v === "Forbid" || v === "Replace") ? v : FAIL;
}

/** spec.backend.cronJobs.* */
function object37(v: any): any {
  return object(v, SHAPE60);
}

/** spec.backend.cronJobs */
function record11(v: any): any {
  return record(v, string29, object37);
}

/** spec.backend */
function object38(v: any): any {
  return object(v, SHAPE61);
}

/** spec.frontend */
function object39(v: any): any {
  return object(v, SHAPE62);
}

/** spec.ingress.routes.*.host */
function string30(v: any): any {
  return typeof v === "string" && codePoints(v) <= 253 && RE63.test(v) && isIngressHostName(v) ? v : FAIL;
}

/** spec.ingress.routes.*.pathType */
function enum18(v: any): any {
  return (v === "Prefix" || v === "Exact" || v === "ImplementationSpecific") ? v : FAIL;
}

/** spec.ingress.routes.* */
function object40(v: any): any {
  return object(v, SHAPE64);
}

/** spec.ingress.routes */
function record12(v: any): any {
  return record(v, string1, object40);
}

/** spec.ingress */
function object41(v: any): any {
  return object(v, SHAPE65);
}

/** spec.secrets.*.store.kind */
function enum19(v: any): any {
  return (v === "ClusterSecretStore" || v === "SecretStore") ? v : FAIL;
}

/** spec.secrets.*.store */
function object42(v: any): any {
  return object(v, SHAPE66);
}

/** spec.secrets.*.gcp.keys */
function record13(v: any): any {
  return record(v, string11, string13);
}

/** spec.secrets.*.gcp */
function object43(v: any): any {
  return object(v, SHAPE67);
}

/** spec.secrets.*.aws */
function object44(v: any): any {
  return object(v, SHAPE68);
}

/** spec.secrets.* */
function object45(v: any): any {
  return object(v, SHAPE69);
}

/** spec.secrets */
function record14(v: any): any {
  return record(v, string10, object45);
}

/** spec.serviceAccounts.* */
function object46(v: any): any {
  return object(v, SHAPE70);
}

/** spec.serviceAccounts */
function record15(v: any): any {
  return record(v, string10, object46);
}

/** spec.config.database.host */
function string31(v: any): any {
  return typeof v === "string" && codePoints(v) <= 253 && RE71.test(v) ? v : FAIL;
}

/** spec.config.database.sslMode */
function enum20(v: any): any {
  return (v === "disable" || v === "allow" || v === "prefer" || v === "require" || v === "verify-ca" || v === "verify-full") ? v : FAIL;
}

/** spec.config.database */
function object47(v: any): any {
  return object(v, SHAPE72);
}

/** spec.config.redis */
function object48(v: any): any {
  return object(v, SHAPE73);
}

/** spec.config.webauthnRpId */
function string32(v: any): any {
  return typeof v === "string" && codePoints(v) <= 253 && RE9.test(v) && isNotIpAddress(v) ? v : FAIL;
}

/** spec.config.frontendUrl */
function string33(v: any): any {
  return typeof v === "string" && isHttpUrl(v) ? v : FAIL;
}

/** spec.config.extra */
function record16(v: any): any {
  return record(v, string11, string12);
}

/** spec.config */
function object49(v: any): any {
  return object(v, SHAPE74);
}

/** spec */
function object50(v: any): any {
  return object(v, SHAPE75);
}

/** (the config) */
function object51(v: any): any {
  return object(v, SHAPE76);
}

/** The config as zod parses it (same keys, same order), or undefined where zod would report an issue. */
export function fastParse(input: unknown): TomodaApp | undefined {
  const out = object51(input);
  return out === FAIL ? undefined : out;
}
