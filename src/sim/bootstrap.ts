// A freshly installed kubeadm cluster: control-plane and worker nodes, the kube-system pods,
// the default namespaces and services, already converged when the user first looks.
import { bootstrapRbac } from './bootstrap-rbac.ts';
import { ApiServer } from '../api/server.ts';
import type { Container, KObject, Node, Pod } from '../api/types.ts';
import { podTemplateHash } from '../api/naming.ts';
import { daemonSetRevision } from '../controllers/daemonset.ts';
import { kubeApiAccessVolume } from '../api/defaults.ts';
import { SCHEMA_VERSION, type ClusterState } from '../store/schema.ts';
import { CliError } from '../api/errors.ts';
import { seedFromString } from '../util/rand.ts';
import { parseQuantity } from '../util/quantity.ts';
import { settle, runUntil } from './engine.ts';
import { adoptRunningPod } from '../controllers/kubelet.ts';
import { imageID, parseImageRef } from './images.ts';

export const K8S_VERSION = 'v1.32.4';
const AGE_AT_FIRST_USE_MS = 10 * 60 * 1000;

export interface ClusterOptions {
  name: string;
  workers: number;
  nodeCpu: string;
  nodeMemory: string;
  seed?: number;
  wall: number;
}

export function nodeNames(workers: number): string[] {
  return ['controlplane', ...Array.from({ length: workers }, (_, i) => `node${String(i + 1).padStart(2, '0')}`)];
}

function nodeIP(index: number): string {
  return index === 0 ? '172.30.1.2' : `172.30.2.${index + 1}`;
}

function makeNode(api: ApiServer, name: string, index: number, cpu: string, memory: string, created: string, tainted: boolean): Node {
  const isControlPlane = index === 0;
  const memKi = Math.floor((parseQuantity(memory) / 1024) * 0.9542);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (isControlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: created,
    lastTransitionTime: created,
    reason,
    message,
  });
  const resources = (memoryKi: number, storage: string) => ({
    cpu,
    'ephemeral-storage': storage,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memoryKi}Ki`,
    pods: '110',
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'flannel.alpha.coreos.com/backend-data': '{"VNI":1,"VtepMAC":"' + macFrom(api) + '"}',
        'flannel.alpha.coreos.com/backend-type': 'vxlan',
        'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
        'flannel.alpha.coreos.com/public-ip': nodeIP(index),
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(isControlPlane && tainted ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: resources(memKi, '19221248Ki'),
      allocatable: resources(memKi - 102400, '18698430040'),
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: nodeIP(index) },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: api.rng.uuid(),
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '5.15.0-130-generic',
        kubeProxyVersion: K8S_VERSION,
        kubeletVersion: K8S_VERSION,
        machineID: api.rng.hex(32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: api.rng.uuid(),
      },
    },
  };
}

function macFrom(api: ApiServer): string {
  return Array.from({ length: 6 }, () => api.rng.hex(2)).join(':');
}

interface SystemPodSpec {
  name: string;
  node: Node;
  labels: Record<string, string>;
  containers: Container[];
  owner?: KObject;
  hostNetwork: boolean;
  podIP?: string;
  priorityClassName: string;
  startedAt: string;
  annotations?: Record<string, string>;
  tolerations?: any[];
  serviceAccount?: string;
  volumes?: any[];
  nodeSelector?: Record<string, string>;
}


function systemPod(api: ApiServer, s: SystemPodSpec): Pod {
  const hostIP = s.node.status.addresses[0].address;
  const podIP = s.hostNetwork ? hostIP : s.podIP!;
  const ownerReferences = s.owner
    ? [{ apiVersion: s.owner.apiVersion, kind: s.owner.kind, name: s.owner.metadata.name, uid: s.owner.metadata.uid!, controller: true, blockOwnerDeletion: true }]
    : [{ apiVersion: 'v1', kind: 'Node', name: s.node.metadata.name, uid: s.node.metadata.uid!, controller: true }];
  const t = s.startedAt;
  const access = s.serviceAccount ? kubeApiAccessVolume(api.rng.suffix()) : undefined;
  const volumes = [...(s.volumes ?? []), ...(access ? [access.volume] : [])];
  const cond = (type: string) => ({ type, status: 'True' as const, lastProbeTime: null, lastTransitionTime: t });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: s.name, namespace: 'kube-system', labels: s.labels, ownerReferences, ...(s.annotations ? { annotations: s.annotations } : {}) },
    spec: {
      containers: s.containers.map((c) => ({
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        resources: {},
        ...c,
        ...(access ? { volumeMounts: [...(c.volumeMounts ?? []), access.mount] } : {}),
      })),
      ...(s.serviceAccount ? { serviceAccount: s.serviceAccount, serviceAccountName: s.serviceAccount } : {}),
      ...(s.nodeSelector ? { nodeSelector: s.nodeSelector } : {}),
      ...(volumes.length ? { volumes } : {}),
      dnsPolicy: s.hostNetwork ? 'ClusterFirstWithHostNet' : 'Default',
      enableServiceLinks: true,
      hostNetwork: s.hostNetwork || undefined,
      nodeName: s.node.metadata.name,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: s.priorityClassName === 'system-node-critical' ? 2000001000 : 2000000000,
      priorityClassName: s.priorityClassName,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      tolerations: s.tolerations ?? [{ effect: 'NoExecute', operator: 'Exists' }],
    },
    status: {
      phase: 'Running',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      qosClass: s.containers.some((c) => c.resources?.requests) ? 'Burstable' : 'BestEffort',
      startTime: t,
      containerStatuses: s.containers.map((c) => ({
        containerID: `containerd://${api.rng.hex(64)}`,
        image: c.image,
        imageID: imageID(parseImageRef(c.image)!),
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: t } },
      })),
    },
  };
}

function ownerRef(o: KObject) {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function daemonSet(api: ApiServer, name: string, labels: Record<string, string>, containers: Container[], nodes: number, nodeSelector?: Record<string, string>, volumes?: any[]): KObject {
  return api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system', labels, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers, hostNetwork: true, nodeSelector, priorityClassName: 'system-node-critical', serviceAccountName: name, tolerations: [{ operator: 'Exists' }], ...(volumes ? { volumes } : {}) },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
    },
    status: {
      currentNumberScheduled: nodes,
      desiredNumberScheduled: nodes,
      numberAvailable: nodes,
      numberMisscheduled: 0,
      numberReady: nodes,
      observedGeneration: 1,
      updatedNumberScheduled: nodes,
    },
  });
}

const CONTROL_PLANE_COMPONENTS: { component: string; image: string; cpu: string; memory?: string; command: string[] }[] = [
  { component: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0', cpu: '100m', memory: '100Mi', command: ['etcd', '--advertise-client-urls=https://172.30.1.2:2379', '--data-dir=/var/lib/etcd'] },
  { component: 'kube-apiserver', image: `registry.k8s.io/kube-apiserver:${K8S_VERSION}`, cpu: '250m', command: ['kube-apiserver', '--advertise-address=172.30.1.2', '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/12'] },
  { component: 'kube-controller-manager', image: `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`, cpu: '200m', command: ['kube-controller-manager', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true'] },
  { component: 'kube-scheduler', image: `registry.k8s.io/kube-scheduler:${K8S_VERSION}`, cpu: '100m', command: ['kube-scheduler', '--leader-elect=true'] },
];

export function createClusterState(opts: ClusterOptions): ClusterState {
  const createdAt = opts.wall - AGE_AT_FIRST_USE_MS;
  const state: ClusterState = {
    schemaVersion: SCHEMA_VERSION,
    name: opts.name,
    shape: { workers: opts.workers, nodeCpu: opts.nodeCpu, nodeMemory: opts.nodeMemory },
    clock: { now: createdAt, anchor: opts.wall, paused: false, speed: 1 },
    rng: opts.seed ?? seedFromString(`${opts.name}@${opts.wall}`),
    resourceVersion: 1000,
    timerSeq: 0,
    objects: {},
    timers: [],
    alloc: { serviceIPs: ['10.96.0.1', '10.96.0.10'], podIPs: {} },
    apps: {},
    runtime: {},
    nodeImages: {},
  };
  const api = new ApiServer(state, createdAt);
  const at = (sec: number) => api.timestamp(createdAt + sec * 1000);

  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  settle(api);
  for (const sa of ['canal', 'coredns', 'kube-proxy']) {
    api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
  }
  api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    data: {
      Corefile:
        '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n',
    },
  });
  api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: ""\n', kubeconfig: 'apiVersion: v1\nkind: Config\n' },
  });

  const nodes = nodeNames(opts.workers).map((name, i) => {
    api.nowMs = createdAt + (i === 0 ? 0 : 40_000 + i * 5000);
    // A single-node cluster (minikube, kind) runs workloads on its control plane: no taint.
    return api.create(makeNode(api, name, i, opts.nodeCpu, opts.nodeMemory, api.timestamp(), opts.workers > 0));
  });
  api.nowMs = createdAt;

  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  api.create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '172.30.1.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });

  const [controlPlane] = nodes;
  for (const c of CONTROL_PLANE_COMPONENTS) {
    api.create(
      systemPod(api, {
        name: `${c.component}-${controlPlane.metadata.name}`,
        node: controlPlane,
        labels: { component: c.component, tier: 'control-plane' },
        containers: [{ name: c.component, image: c.image, command: c.command, resources: { requests: { cpu: c.cpu, ...(c.memory ? { memory: c.memory } : {}) } } }],
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        startedAt: at(5),
        annotations: (() => {
          const hash = api.rng.hex(32);
          return { 'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash, 'kubernetes.io/config.seen': at(3), 'kubernetes.io/config.source': 'file' };
        })(),
      }),
    );
  }

  const proxyLabels = { 'k8s-app': 'kube-proxy' };
  const proxyContainers: Container[] = [
    {
      name: 'kube-proxy',
      image: `registry.k8s.io/kube-proxy:${K8S_VERSION}`,
      command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
      env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
      volumeMounts: [
        { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
        { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
        { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
      ],
    },
  ];
  const proxyVolumes = [
    { configMap: { defaultMode: 420, name: 'kube-proxy' }, name: 'kube-proxy' },
    { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
    { hostPath: { path: '/lib/modules', type: '' }, name: 'lib-modules' },
  ];
  const proxyDs = daemonSet(api, 'kube-proxy', proxyLabels, proxyContainers, nodes.length, { 'kubernetes.io/os': 'linux' }, proxyVolumes);
  const canalLabels = { 'k8s-app': 'canal' };
  const canalContainers: Container[] = [
    { name: 'calico-node', image: 'docker.io/calico/node:v3.29.1', resources: { requests: { cpu: '250m' } } },
    { name: 'kube-flannel', image: 'quay.io/coreos/flannel:v0.15.1', command: ['/opt/bin/flanneld', '--ip-masq', '--kube-subnet-mgr'] },
  ];
  const canalDs = daemonSet(api, 'canal', canalLabels, canalContainers, nodes.length);
  nodes.forEach((node, i) => {
    const start = i === 0 ? 20 : 50 + i * 5;
    for (const [ds, labels, containers] of [
      [proxyDs, proxyLabels, proxyContainers],
      [canalDs, canalLabels, canalContainers],
    ] as const) {
      api.create(
        systemPod(api, {
          name: `${ds.metadata.name}-${api.rng.suffix()}`,
          node,
          labels: { ...labels, 'controller-revision-hash': daemonSetRevision(ds), 'pod-template-generation': '1' },
          containers: containers as Container[],
          owner: ds,
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          startedAt: at(start),
          serviceAccount: ds.metadata.name,
          nodeSelector: ds.spec.template.spec.nodeSelector,
          volumes: ds === proxyDs ? proxyVolumes : undefined,
        }),
      );
    }
  });

  const dnsLabels = { 'k8s-app': 'kube-dns' };
  const dnsTemplate = {
    metadata: { labels: dnsLabels },
    spec: {
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.11.3',
          args: ['-conf', '/etc/coredns/Corefile'],
          ports: [
            { containerPort: 53, name: 'dns', protocol: 'UDP' },
            { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
            { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
          ],
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
          livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
          readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
          volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
        },
      ],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      serviceAccountName: 'coredns',
      volumes: [{ configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
      priorityClassName: 'system-cluster-critical',
      tolerations: [
        { key: 'CriticalAddonsOnly', operator: 'Exists' },
        { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
      ],
    },
  };
  const hash = podTemplateHash(dnsTemplate);
  const dnsDeploy = api.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: dnsLabels, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: dnsLabels },
      template: dnsTemplate,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
  });
  const rsLabels = { ...dnsLabels, 'pod-template-hash': hash };
  const dnsRs = api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `coredns-${hash}`,
      namespace: 'kube-system',
      labels: rsLabels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3', 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: [ownerRef(dnsDeploy)],
    },
    spec: { replicas: 2, selector: { matchLabels: rsLabels }, template: { ...dnsTemplate, metadata: { labels: rsLabels } } },
    status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  });
  for (const ip of ['10.244.0.2', '10.244.0.3']) {
    api.create(
      systemPod(api, {
        name: `${dnsRs.metadata.name}-${api.rng.suffix()}`,
        node: controlPlane,
        labels: rsLabels,
        containers: dnsTemplate.spec.containers,
        owner: dnsRs,
        hostNetwork: false,
        podIP: ip,
        priorityClassName: 'system-cluster-critical',
        startedAt: at(35),
        serviceAccount: 'coredns',
        nodeSelector: dnsTemplate.spec.nodeSelector,
        volumes: dnsTemplate.spec.volumes,
        tolerations: [
          ...dnsTemplate.spec.tolerations,
          { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        ],
      }),
    );
  }
  state.alloc.podIPs = { controlplane: 3 };

  api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: dnsLabels,
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  // The default storage class of a kubeadm-built practice cluster (the local-path provisioner).
  // Added without drawing on the random sequence, so the names and addresses of everything else
  // in a cluster stay what they were before storage existed.
  // (A sequence of their own, so their uids are not also drawn later by other objects.)
  const rngBefore = api.rng.state;
  api.rng.state = seedFromString(`${state.name}:defaults:${rngBefore}`);
  api.create({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
  bootstrapRbac(api);
  api.rng.state = rngBefore;
  for (const pod of api.list<Pod>('pods')) {
    adoptRunningPod(api, pod);
    const images = (state.nodeImages[pod.spec.nodeName!] ??= ['registry.k8s.io/pause:3.10']);
    for (const c of pod.spec.containers) if (!images.includes(c.image)) images.push(c.image);
  }
  settle(api);
  runUntil(api, opts.wall);
  state.clock.now = api.nowMs;
  state.clock.anchor = opts.wall;
  api.finish();
  return state;
}

/** A worker joining the cluster (kubesim node add): the next nodeNN with its own pod CIDR. */
export function addNode(api: ApiServer, name: string | undefined, cpu: string, memory: string): string {
  const existing = api.list<Node>('nodes');
  const index = Math.max(...existing.map((n) => Number(/10\.244\.(\d+)\.0/.exec(n.spec.podCIDR ?? '')?.[1] ?? 0))) + 1;
  const nodeName = name ?? nodeNames(index)[index];
  if (api.get('nodes', undefined, nodeName)) throw new CliError(`node "${nodeName}" already exists`);
  parseQuantity(cpu);
  parseQuantity(memory);
  api.create(makeNode(api, nodeName, index, cpu, memory, api.timestamp(), false));
  api.state.nodeImages[nodeName] = ['registry.k8s.io/pause:3.10'];
  return nodeName;
}
