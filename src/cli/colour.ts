// Colour on a terminal only: chalk's detection (a TTY on stdout, FORCE_COLOR, --no-color), and
// NO_COLOR respected (https://no-color.org). Piped output is never coloured.
import chalk, { Chalk, type ChalkInstance } from 'chalk';

let instance: ChalkInstance | undefined;

export function colours(): ChalkInstance {
  if (!instance) {
    const noColor = !!process.env.NO_COLOR || process.argv.includes('--no-color');
    instance = noColor ? new Chalk({ level: 0 }) : chalk;
  }
  return instance;
}

export const colourEnabled = () => colours().level > 0;
