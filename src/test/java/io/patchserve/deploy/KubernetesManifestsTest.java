package io.patchserve.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders every overlay with {@code kubectl kustomize}, parses it with the fabric8 model and checks the invariants. */
@Tag("unit")
class KubernetesManifestsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static List<HasMetadata> render(String path) throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", path).redirectErrorStream(true).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor()).as("kubectl kustomize %s:%n%s", path, yaml).isZero();
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                HasMetadata resource = SERIALIZATION.unmarshal(document, HasMetadata.class);
                assertThat(resource).as("a known Kubernetes kind: %s", document.lines().limit(3).toList())
                        .isNotInstanceOf(GenericKubernetesResource.class);
                resources.add(resource);
            }
        }
        return resources;
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(List<HasMetadata> resources, Class<T> type, String name) {
        return all(resources, type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everyOverlayHasTheServiceWithItsSafetyNets(String overlay) throws Exception {
        List<HasMetadata> resources = render(overlay);
        Set<String> kinds = resources.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
        assertThat(kinds).contains("Deployment", "Service", "ConfigMap", "ServiceAccount", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy");

        Deployment deployment = one(resources, Deployment.class, "patchserve");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getServiceAccountName()).isEqualTo("patchserve");
        Container container = pod.getContainers().getFirst();
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
        // credentials only from a Secret, never inline
        assertThat(container.getEnv()).filteredOn(e -> e.getName().matches(".*(PASSWORD|SECRET_KEY|ACCESS_KEY|USERNAME)"))
                .hasSize(4).allMatch(e -> e.getValue() == null && e.getValueFrom().getSecretKeyRef() != null);
        String secretName = container.getEnv().stream().filter(e -> e.getValueFrom() != null)
                .findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName();
        assertThat(secretName).startsWith("patchserve-credentials");

        assertThat(one(resources, HorizontalPodAutoscaler.class, "patchserve").getSpec().getScaleTargetRef().getName())
                .isEqualTo("patchserve");
        assertThat(one(resources, PodDisruptionBudget.class, "patchserve").getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "api");
        assertThat(one(resources, NetworkPolicy.class, "patchserve").getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", "api");
        assertThat(resources).allMatch(r -> r.getMetadata().getNamespace() != null && !r.getMetadata().getNamespace().isBlank());
    }

    @Test
    void devRunsPostgisAndS3InTheClusterBehindAnIngress() throws Exception {
        List<HasMetadata> dev = render("k8s/overlays/dev");
        assertThat(all(dev, StatefulSet.class)).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("postgis", "s3");
        assertThat(one(dev, Deployment.class, "patchserve").getSpec().getReplicas()).isEqualTo(1);
        Ingress ingress = one(dev, Ingress.class, "patchserve");
        assertThat(ingress.getSpec().getRules().getFirst().getHttp().getPaths().getFirst().getPath()).startsWith("/eo");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/x-forwarded-prefix", "/eo");
        assertThat(all(dev, HTTPRoute.class)).isEmpty();
    }

    @Test
    void prodUsesExternalServicesMoreReplicasAndTheGatewayApi() throws Exception {
        List<HasMetadata> prod = render("k8s/overlays/prod");
        assertThat(all(prod, StatefulSet.class)).isEmpty();
        assertThat(kindsOf(prod)).doesNotContain("Secret");
        assertThat(one(prod, Deployment.class, "patchserve").getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(one(prod, HorizontalPodAutoscaler.class, "patchserve").getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        var config = one(prod, io.fabric8.kubernetes.api.model.ConfigMap.class, "patchserve-config").getData();
        assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL")).doesNotContain("//postgis:");
        assertThat(config.get("PATCHSERVE_STORAGE_ENDPOINT")).startsWith("https://");
        assertThat(config).containsEntry("PATCHSERVE_API_TRUST_FORWARDED_HEADERS", "true");
        HTTPRoute route = one(prod, HTTPRoute.class, "patchserve");
        var rule = route.getSpec().getRules().getFirst();
        assertThat(rule.getMatches().getFirst().getPath().getValue()).isEqualTo("/eo");
        assertThat(rule.getFilters()).anyMatch(f -> f.getRequestHeaderModifier() != null
                && f.getRequestHeaderModifier().getSet().stream().anyMatch(h -> h.getName().equals("X-Forwarded-Prefix") && h.getValue().equals("/eo")));
        assertThat(rule.getBackendRefs().getFirst().getName()).isEqualTo("patchserve");
    }

    @Test
    void ingestIsAnIndexedJobOnTheSameImageThatShards() throws Exception {
        Job job = one(render("k8s/jobs/ingest"), Job.class, "patchserve-ingest");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getParallelism()).isEqualTo(job.getSpec().getCompletions());
        Container container = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
        Deployment deployment = one(render("k8s/overlays/prod"), Deployment.class, "patchserve");
        assertThat(container.getImage()).isEqualTo(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage());
        assertThat(container.getArgs()).startsWith("ingest").contains("--shard", "$(JOB_COMPLETION_INDEX)/" + job.getSpec().getCompletions());
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("QUARKUS_HTTP_HOST_ENABLED") && e.getValue().equals("false"));
        // the image names G1 for serving; the batch job turns it off before picking its own collector
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("JDK_JAVA_OPTIONS")
                && e.getValue().equals("-XX:-UseG1GC -XX:+UseParallelGC"));
    }

    @Test
    void orphanedObjectsAreSweptDaily() throws Exception {
        var cron = one(render("k8s/jobs/sweep"), io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "patchserve-sweep");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        Container container = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getArgs()).containsExactly("sweep", "--older-than", "24");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    private static Set<String> kindsOf(List<HasMetadata> resources) {
        return resources.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
    }
}
