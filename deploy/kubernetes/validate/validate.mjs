// Validates the manifests of deploy/kubernetes offline: each object against its Kubernetes or KEDA schema
// (kubernetes-models, @kubernetes-models/keda), then the rules that tie them to the applications.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1";
import { ConfigMap, Service } from "kubernetes-models/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1";

const PARTITIONS = 12; // loyalty.items-topic.partitions
const SHUTDOWN_PHASE_SECONDS = 30; // spring.lifecycle.timeout-per-shutdown-phase of both apps

const models = {
  "apps/v1/Deployment": Deployment,
  "v1/Service": Service,
  "v1/ConfigMap": ConfigMap,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
};

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const failures = [];
const check = (ok, message) => ok || failures.push(message);

const kustomization = parse(readFileSync(join(here, "kustomization.yaml"), "utf8"));
const objects = [];
for (const file of kustomization.resources) {
  for (const doc of parseAllDocuments(readFileSync(join(here, file), "utf8"))) {
    check(doc.errors.length === 0, `${file}: ${doc.errors.join("; ")}`);
    const object = doc.toJS();
    const model = models[`${object.apiVersion}/${object.kind}`];
    if (!model) {
      failures.push(`${file}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (e) {
      failures.push(`${file}: ${object.kind} ${object.metadata?.name}: ${e.message}`);
    }
    objects.push(object);
  }
}

const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
for (const app of ["api-gateway", "batch-worker"]) {
  const deployment = find("Deployment", app);
  check(deployment, `no Deployment ${app}`);
  if (!deployment) continue;
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  check(pod.terminationGracePeriodSeconds > SHUTDOWN_PHASE_SECONDS,
    `${app}: terminationGracePeriodSeconds must exceed the ${SHUTDOWN_PHASE_SECONDS} s shutdown phase`);
  for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
    check(container[probe]?.httpGet?.path?.startsWith("/actuator/health/"), `${app}: ${probe} on /actuator/health/*`);
  }
  check(container.readinessProbe?.httpGet?.path === "/actuator/health/readiness", `${app}: readiness probe`);
  check(container.resources?.requests?.cpu && container.resources?.limits?.memory, `${app}: resources`);
  const pdb = find("PodDisruptionBudget", app);
  check(pdb && pdb.spec.selector.matchLabels["app.kubernetes.io/name"] === app, `${app}: PodDisruptionBudget`);
}

const scaled = find("ScaledObject", "batch-worker");
check(scaled, "no ScaledObject batch-worker");
if (scaled) {
  check(scaled.spec.scaleTargetRef.name === "batch-worker", "ScaledObject targets batch-worker");
  check(scaled.spec.maxReplicaCount <= PARTITIONS, `maxReplicaCount must not exceed the ${PARTITIONS} partitions`);
  const trigger = scaled.spec.triggers.find((t) => t.type === "kafka");
  check(trigger, "a kafka trigger");
  if (trigger) {
    const m = trigger.metadata;
    check(m.consumerGroup === "loyalty-batch-worker", "the trigger watches the workers' consumer group");
    check(m.topic === undefined, "the trigger names no topic: it scales on the group's lag over every lane's topic");
    check(m.offsetResetPolicy === "earliest", "offsetResetPolicy: earliest (the workers' auto-offset-reset)");
    check(Number(m.lagThreshold) > 0, "a lagThreshold");
    check(m.activationLagThreshold !== undefined, "an activationLagThreshold");
  }
}

if (failures.length > 0) {
  console.error(failures.map((f) => `FAIL ${f}`).join("\n"));
  process.exit(1);
}
console.log(`deploy/kubernetes: ${objects.length} objects valid`);
