import type { Command } from 'commander';
import { registerGet } from './get.ts';
import { registerDescribe } from './describe.ts';
import { registerCreate } from './create.ts';
import { registerDelete } from './delete.ts';
import { registerCluster } from './cluster.ts';
import { registerConfig } from './config.ts';
import { registerSim } from './sim.ts';
import { registerInfo } from './info.ts';
import { registerRun } from './run.ts';
import { registerScale } from './scale.ts';
import { registerLabel } from './label.ts';

export function registerVerbs(program: Command): void {
  registerCreate(program);
  registerGet(program);
  registerRun(program);
  registerDelete(program);
  registerDescribe(program);
  registerScale(program);
  registerLabel(program);
  registerInfo(program);
  registerConfig(program);
  registerCluster(program);
  registerSim(program);
}
