// What kubesim remembers about practice: the lab or exam in progress, and each lab's record
// (attempts, passed, best time), in $KUBESIM_HOME/labs.json.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubesimHome } from '../store/store.ts';
import { withFileLock } from '../store/lock.ts';

export interface ActiveLab {
  id: string;
  cluster: string;
  /** The context to go back to when the lab stops. */
  previousContext: string;
  /** Wall-clock start (ms). */
  startedAt: number;
  hintsShown: number;
  passedAt?: number;
}

export interface LabRecord {
  attempts: number;
  passed: boolean;
  bestSeconds?: number;
  lastScore?: string;
}

export interface ExamTask {
  lab: string;
  context: string;
}

export interface ActiveExam {
  tasks: ExamTask[];
  previousContext: string;
  startedAt: number;
  minutes: number;
}

export interface PracticeState {
  active?: ActiveLab;
  exam?: ActiveExam;
  labs: Record<string, LabRecord>;
}

const file = () => join(kubesimHome(), 'labs.json');

export function readPractice(): PracticeState {
  try {
    const s = JSON.parse(readFileSync(file(), 'utf8'));
    return { labs: {}, ...s };
  } catch {
    return { labs: {} };
  }
}

export function updatePractice<T>(fn: (s: PracticeState) => T): T {
  mkdirSync(kubesimHome(), { recursive: true });
  return withFileLock(file(), () => {
    const s = readPractice();
    const result = fn(s);
    const tmp = `${file()}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(s, null, 2)}\n`);
    renameSync(tmp, file());
    return result;
  });
}

/** Where learners write the answers of output questions (`{{answers}}` in lab texts). */
export function answersDir(): string {
  return join(kubesimHome(), 'answers');
}
