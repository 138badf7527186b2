import type { Command } from 'commander';
import { registerGet } from './get.ts';
import { registerDescribe } from './describe.ts';
import { registerCreate } from './create.ts';
import { registerDelete } from './delete.ts';
import { registerCluster } from './cluster.ts';
import { registerConfig } from './config.ts';
import { registerSim } from './sim.ts';
import { registerVersion, registerClusterInfo, registerApiResources } from './info.ts';
import { registerRun } from './run.ts';
import { registerScale } from './scale.ts';
import { registerLabel } from './label.ts';
import { registerSet } from './set.ts';
import { registerRollout } from './rollout.ts';
import { registerEdit } from './edit.ts';
import { registerExpose } from './service.ts';
import { registerCompletion } from './completion.ts';
import { registerExec } from './exec.ts';
import { registerLogs } from './logs.ts';
import { registerCurl, registerPortForward } from './traffic.ts';
import { registerNodeVerbs, registerNodeSim } from './nodes.ts';

/** In kubectl's order (its command groups), which is also the order of "Did you mean" suggestions. */
export function registerVerbs(program: Command): void {
  registerCreate(program);
  registerExpose(program);
  registerRun(program);
  registerSet(program);
  registerGet(program);
  registerEdit(program);
  registerDelete(program);
  registerRollout(program);
  registerScale(program);
  registerClusterInfo(program);
  registerNodeVerbs(program);
  registerDescribe(program);
  registerLogs(program);
  registerExec(program);
  registerPortForward(program);
  registerLabel(program);
  registerCompletion(program);
  registerApiResources(program);
  registerConfig(program);
  registerVersion(program);
  registerCluster(program);
  registerSim(program);
  registerNodeSim(program);
  registerCurl(program);
}
